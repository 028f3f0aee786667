import HookCore

/// Copies the archive to object storage and other clouds with `rclone copy` (Debian package
/// `rclone`), configured the user's way (`rclone config` or `RCLONE_CONFIG_*` variables). rclone
/// transfers only files whose size or time differ and never deletes at the destination.
struct RcloneSync {
    let executable: String
    let environment: [String: String]
    /// `remote:path/<repository name>`.
    let destination: String

    init(destination: String, repositoryName: String, environment: [String: String]) throws(SyncError) {
        guard let rclone = Subprocess.find("rclone", environment: environment) else {
            throw SyncError(
                "rclone is not installed (Debian: apt-get install rclone), needed to sync to \(destination); configure the remote with 'rclone config', or sync to a folder with --to DIR"
            )
        }
        executable = rclone
        self.environment = environment
        let separator = destination.hasSuffix(":") || destination.hasSuffix("/") ? "" : "/"
        self.destination = destination + separator + repositoryName
    }

    /// Copies each folder to `<destination>/<folder>`; returns one line saying what was done.
    func copy(workdir: String, folders: [String]) throws -> String {
        for folder in folders {
            let result = try Subprocess.run(
                executable, ["copy", workdir + "/" + folder, destination + "/" + folder],
                environment: environment)
            guard result.status == 0 else { throw SyncError("rclone copy to \(destination)/\(folder) failed: \(result.lastErrorLine)") }
        }
        return "copied \(folders.joined(separator: ", ")) to \(destination) with rclone"
    }
}
