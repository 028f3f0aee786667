extension PriceTable {
    /// The prices convo-hook ships: US dollars per million tokens, list prices as each provider's pricing page
    /// stated them on `checked`. A model matches the longest `match` its name starts with (after a provider
    /// prefix such as `anthropic/` or `openrouter/openai/`). Override or add models with git config
    /// `convo.prices` (see `PriceTable.overriding(with:)`); long-context surcharges and batch discounts are
    /// not modelled.
    static let builtinJSON = #"""
        {
          "checked": "2025-11-30",
          "currency": "USD",
          "per": 1000000,
          "models": [
            {"match": "claude-opus-4-5",   "input": 5.00,  "output": 25.00, "cacheRead": 0.50,  "cacheWrite": 6.25,  "source": "https://www.anthropic.com/pricing"},
            {"match": "claude-opus-4",     "input": 15.00, "output": 75.00, "cacheRead": 1.50,  "cacheWrite": 18.75, "source": "https://www.anthropic.com/pricing"},
            {"match": "claude-3-opus",     "input": 15.00, "output": 75.00, "cacheRead": 1.50,  "cacheWrite": 18.75, "source": "https://www.anthropic.com/pricing"},
            {"match": "claude-sonnet-4",   "input": 3.00,  "output": 15.00, "cacheRead": 0.30,  "cacheWrite": 3.75,  "source": "https://www.anthropic.com/pricing"},
            {"match": "claude-3-7-sonnet", "input": 3.00,  "output": 15.00, "cacheRead": 0.30,  "cacheWrite": 3.75,  "source": "https://www.anthropic.com/pricing"},
            {"match": "claude-3-5-sonnet", "input": 3.00,  "output": 15.00, "cacheRead": 0.30,  "cacheWrite": 3.75,  "source": "https://www.anthropic.com/pricing"},
            {"match": "claude-haiku-4-5",  "input": 1.00,  "output": 5.00,  "cacheRead": 0.10,  "cacheWrite": 1.25,  "source": "https://www.anthropic.com/pricing"},
            {"match": "claude-3-5-haiku",  "input": 0.80,  "output": 4.00,  "cacheRead": 0.08,  "cacheWrite": 1.00,  "source": "https://www.anthropic.com/pricing"},
            {"match": "claude-3-haiku",    "input": 0.25,  "output": 1.25,  "cacheRead": 0.03,  "cacheWrite": 0.30,  "source": "https://www.anthropic.com/pricing"},
            {"match": "gpt-5",             "input": 1.25,  "output": 10.00, "cacheRead": 0.125, "cacheWrite": 0,     "source": "https://openai.com/api/pricing"},
            {"match": "gpt-5-mini",        "input": 0.25,  "output": 2.00,  "cacheRead": 0.025, "cacheWrite": 0,     "source": "https://openai.com/api/pricing"},
            {"match": "gpt-5-nano",        "input": 0.05,  "output": 0.40,  "cacheRead": 0.005, "cacheWrite": 0,     "source": "https://openai.com/api/pricing"},
            {"match": "gpt-4.1",           "input": 2.00,  "output": 8.00,  "cacheRead": 0.50,  "cacheWrite": 0,     "source": "https://openai.com/api/pricing"},
            {"match": "gpt-4.1-mini",      "input": 0.40,  "output": 1.60,  "cacheRead": 0.10,  "cacheWrite": 0,     "source": "https://openai.com/api/pricing"},
            {"match": "gpt-4o",            "input": 2.50,  "output": 10.00, "cacheRead": 1.25,  "cacheWrite": 0,     "source": "https://openai.com/api/pricing"},
            {"match": "gpt-4o-mini",       "input": 0.15,  "output": 0.60,  "cacheRead": 0.075, "cacheWrite": 0,     "source": "https://openai.com/api/pricing"},
            {"match": "o3",                "input": 2.00,  "output": 8.00,  "cacheRead": 0.50,  "cacheWrite": 0,     "source": "https://openai.com/api/pricing"},
            {"match": "o3-mini",           "input": 1.10,  "output": 4.40,  "cacheRead": 0.55,  "cacheWrite": 0,     "source": "https://openai.com/api/pricing"},
            {"match": "o4-mini",           "input": 1.10,  "output": 4.40,  "cacheRead": 0.275, "cacheWrite": 0,     "source": "https://openai.com/api/pricing"},
            {"match": "codex-mini",        "input": 1.50,  "output": 6.00,  "cacheRead": 0.375, "cacheWrite": 0,     "source": "https://openai.com/api/pricing"},
            {"match": "gemini-2.5-pro",    "input": 1.25,  "output": 10.00, "cacheRead": 0.31,  "cacheWrite": 0,     "source": "https://ai.google.dev/gemini-api/docs/pricing"},
            {"match": "gemini-2.5-flash",  "input": 0.30,  "output": 2.50,  "cacheRead": 0.075, "cacheWrite": 0,     "source": "https://ai.google.dev/gemini-api/docs/pricing"}
          ]
        }
        """#
}
