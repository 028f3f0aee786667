#define _GNU_SOURCE
#include <string.h>
#include "CRedaction.h"

const void *convo_memmem(const void *haystack, size_t length, const void *needle, size_t needleLength) {
    return memmem(haystack, length, needle, needleLength);
}
