#pragma once
#include <sqlite3.h>

/* SQLITE_TRANSIENT is a cast macro Swift cannot import: one wrapper per bind that needs it. */
static inline int csqlite_bind_text(sqlite3_stmt *statement, int index, const char *text, int bytes) {
    return sqlite3_bind_text(statement, index, text, bytes, SQLITE_TRANSIENT);
}
