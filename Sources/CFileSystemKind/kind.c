#include "CFileSystemKind.h"
#include <sys/vfs.h>

int convo_is_remote_file_system(const char *path) {
    struct statfs info;
    if (statfs(path, &info) != 0) return -1;
    /* File systems only this kernel writes to: inotify sees every change. Anything else (NFS, SMB, FUSE,
       9p, cluster file systems, a VM's or Docker Desktop's shared folders...) counts as remote. */
    switch ((unsigned long)info.f_type) {
    case 0xEF53UL:     /* ext2, ext3, ext4 */
    case 0x58465342UL: /* XFS */
    case 0x9123683EUL: /* Btrfs */
    case 0x01021994UL: /* tmpfs */
    case 0x858458F6UL: /* ramfs */
    case 0x794C7630UL: /* overlayfs (containers) */
    case 0xF2F52010UL: /* F2FS */
    case 0x2FC12FC1UL: /* ZFS */
    case 0xCA451A4EUL: /* bcachefs */
    case 0x3153464AUL: /* JFS */
    case 0x52654973UL: /* ReiserFS */
    case 0x3434UL:     /* NILFS */
    case 0x4D44UL:     /* FAT */
    case 0x2011BAB0UL: /* exFAT */
    case 0x7366746EUL: /* NTFS (ntfs3) */
    case 0x482BUL:     /* HFS+ */
    case 0xF15FUL:     /* eCryptfs */
        return 0;
    default:
        return 1;
    }
}
