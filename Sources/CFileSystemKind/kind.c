#include "CFileSystemKind.h"
#include <sys/vfs.h>

int convo_is_remote_file_system(const char *path) {
    struct statfs info;
    if (statfs(path, &info) != 0) return -1;
    switch ((unsigned long)info.f_type) {
    case 0x6969UL:     /* NFS */
    case 0xFF534D42UL: /* CIFS */
    case 0xFE534D42UL: /* SMB2 */
    case 0x517BUL:     /* SMB */
    case 0x65735546UL: /* FUSE (sshfs, rclone mount, ...) */
    case 0x01021997UL: /* 9p (WSL, virtual machines' shared folders) */
    case 0x00C36400UL: /* Ceph */
    case 0x5346414FUL: /* AFS */
    case 0x6B414653UL: /* kAFS */
    case 0x0BD00BD0UL: /* Lustre */
    case 0x73757245UL: /* Coda */
    case 0x47504653UL: /* GPFS */
    case 0x786F4256UL: /* VirtualBox shared folders */
        return 1;
    default:
        return 0;
    }
}
