// setns(2), unshare(2) and some statvfs flags are GNU extensions; Swift's Glibc module does not export them, so this
// target declares them with _GNU_SOURCE and re-exports the flags the launcher needs. It also resets signals with the
// raw system call, which glibc's sigaction refuses for the two real-time signals it reserves, and reads stat(2)
// fields: `struct stat` is declared by both Glibc and CoreFoundation, and with MemberImportVisibility a Swift file
// that imports Foundation cannot use it reliably. The endpoint sandbox's steps (mount attributes, capabilities,
// resource limits, the seccomp filter) are here too: their structures and prctl(2)'s variadic form are C only.
#ifndef CLINUXSUPPORT_H
#define CLINUXSUPPORT_H

/// Joins the namespace `fd` refers to; `nstype` is one of the flags below (0 accepts any type).
int qir_setns(int fd, int nstype);
/// Moves the calling process into new namespaces of the kinds in `flags`.
int qir_unshare(int flags);

/// Sets every signal but SIGKILL and SIGSTOP to its default action and clears the signal mask; 0 or -1 with errno.
int qir_reset_signals(void);

/// CLONE_NEWNET: a network namespace.
extern const int QIR_CLONE_NEWNET;
/// CLONE_NEWNS: a mount namespace.
extern const int QIR_CLONE_NEWNS;

/// ST_NODEV: statvfs's flag for a mount without device files.
extern const unsigned long QIR_ST_NODEV;
/// ST_NOEXEC: statvfs's flag for a mount whose programs cannot be executed.
extern const unsigned long QIR_ST_NOEXEC;

/// The identity and type of the file at `path` (following symlinks): 0, or -1 with errno.
int qir_file_identity(const char *path, unsigned long long *device, unsigned long long *inode, int *isDirectory);

/// The size in bytes and type of the file at `path` (not following symlinks): 0, or -1 with errno. `kind` is 'f'
/// for a regular file, 'd' for a directory, 'l' for a symbolic link and 'o' for anything else.
int qir_file_size_and_kind(const char *path, unsigned long long *size, char *kind);

/// The hard RLIMIT_MEMLOCK of this process in bytes (ULLONG_MAX for unlimited): 0, or -1 with errno. The resource
/// constants are an enum glibc's Swift import leaves out.
int qir_memlock_hard_limit(unsigned long long *bytes);

/// Makes the mount at `path` and every mount below it read-only and nosuid (mount_setattr(2), Linux 5.12).
int qir_make_mount_tree_read_only(const char *path);
/// Makes the one mount at `path` writable again (its file system must be writable).
int qir_make_mount_writable(const char *path);

/// RLIMIT_FSIZE: the largest file a process may write (SIGXFSZ beyond it).
extern const int QIR_RLIMIT_FSIZE;
/// RLIMIT_NPROC: how many processes and threads the real user may have.
extern const int QIR_RLIMIT_NPROC;
/// RLIMIT_CORE: the largest core dump.
extern const int QIR_RLIMIT_CORE;
/// Sets the soft and hard `resource` limit to `value`, or to the current hard limit when that is lower (raising it
/// would need CAP_SYS_RESOURCE): 0, or -1 with errno.
int qir_lower_limit(int resource, unsigned long long value);

/// CAP_NET_BIND_SERVICE: binding ports below 1024 (the endpoint contract's UDP 443).
extern const int QIR_CAP_NET_BIND_SERVICE;
/// Drops every capability but `keep` from the bounding set, so no later execve can gain them: 0, or -1 with errno.
int qir_drop_bounding_capabilities(int keep);
/// Becomes `uid`:`gid` with no supplementary groups, keeping the permitted capabilities: 0, or -1 with errno.
int qir_switch_user(unsigned int uid, unsigned int gid);
/// Leaves `cap` as the only effective, permitted and inheritable capability and raises it as ambient, so the
/// programs this process executes keep it although they do not run as root: 0, or -1 with errno.
int qir_keep_only_capability(int cap);
/// Sets no_new_privs: setuid and file-capability programs no longer gain privileges when executed.
int qir_forbid_new_privileges(void);
/// Installs a seccomp filter that refuses to create namespaces (unshare and clone with a CLONE_NEW* flag: EPERM;
/// clone3, whose flags a filter cannot read: ENOSYS, so C libraries fall back to clone) and refuses the system calls
/// of other ABIs (i386, x32), which would bypass those rules. Needs no_new_privs; 0, or -1 with errno.
int qir_forbid_namespaces(void);

#endif
