#ifndef CFILESYSTEMKIND_H
#define CFILESYSTEMKIND_H

/// 0 when the file system holding `path` is one only this kernel writes to (ext4, XFS, Btrfs, tmpfs,
/// overlayfs...), 1 for any other (NFS, SMB, FUSE, 9p...: inotify may miss their changes), -1 when `path`
/// cannot be reached.
int convo_is_remote_file_system(const char *path);

#endif
