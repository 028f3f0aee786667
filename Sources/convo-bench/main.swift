// Benchmark entry point; scenarios are added per issue.
print("convo-bench: no scenarios yet")
