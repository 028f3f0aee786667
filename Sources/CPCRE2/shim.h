#define _GNU_SOURCE
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

/* glibc's memmem (a GNU extension the Swift Glibc module does not show): finds payload markers. */
static inline const void *convo_memmem(const void *haystack, size_t length, const void *needle, size_t needleLength) {
    return memmem(haystack, length, needle, needleLength);
}
