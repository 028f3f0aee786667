#ifndef CFILESYSTEMKIND_H
#define CFILESYSTEMKIND_H

/// 1 when the file system holding `path` can change without this kernel seeing the change (network file
/// systems, FUSE, 9p): inotify misses such changes. 0 when it is local, -1 when `path` cannot be reached.
int convo_is_remote_file_system(const char *path);

#endif
