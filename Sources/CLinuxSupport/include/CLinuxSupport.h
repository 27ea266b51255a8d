// setns(2), unshare(2) and some statvfs flags are GNU extensions; Swift's Glibc module does not export them, so this
// target declares them with _GNU_SOURCE and re-exports the flags the launcher needs. It also resets signals with the
// raw system call, which glibc's sigaction refuses for the two real-time signals it reserves, and reads stat(2)
// fields: `struct stat` is declared by both Glibc and CoreFoundation, and with MemberImportVisibility a Swift file
// that imports Foundation cannot use it reliably.
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

/// The hard RLIMIT_MEMLOCK of this process in bytes (ULLONG_MAX for unlimited): 0, or -1 with errno. The resource
/// constants are an enum glibc's Swift import leaves out.
int qir_memlock_hard_limit(unsigned long long *bytes);

#endif
