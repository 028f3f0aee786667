#ifndef CREDACTION_H
#define CREDACTION_H
#include <stddef.h>
#include <stdint.h>

/// Whether this CPU has the x86 SHA extensions (and SSE4.1).
int convo_sha256_hardware(void);
/// Runs SHA-256's compression on `blocks` 64-byte blocks with the SHA extensions; call only when
/// convo_sha256_hardware() returned 1. `state` holds H0…H7.
void convo_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);
/// glibc's memmem (a GNU extension the Swift Glibc module does not show): finds payload markers.
const void *convo_memmem(const void *haystack, size_t length, const void *needle, size_t needleLength);
#endif
