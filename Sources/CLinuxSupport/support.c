#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/mount.h>
#include <linux/seccomp.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "CLinuxSupport.h"

// Older kernel headers lack these numbers; both are the same on x86_64 and aarch64.
#ifndef __NR_clone3
#define __NR_clone3 435
#endif
#ifndef SYS_mount_setattr
#define SYS_mount_setattr 442
#endif
#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif

const int QIR_CLONE_NEWNET = CLONE_NEWNET;
const int QIR_CLONE_NEWNS = CLONE_NEWNS;
const unsigned long QIR_ST_NODEV = ST_NODEV;
const unsigned long QIR_ST_NOEXEC = ST_NOEXEC;
const int QIR_RLIMIT_FSIZE = RLIMIT_FSIZE;
const int QIR_RLIMIT_NPROC = RLIMIT_NPROC;
const int QIR_RLIMIT_CORE = RLIMIT_CORE;
const int QIR_CAP_NET_BIND_SERVICE = CAP_NET_BIND_SERVICE;

int qir_setns(int fd, int nstype) { return setns(fd, nstype); }

int qir_unshare(int flags) { return unshare(flags); }

/// The kernel's own `struct sigaction` (asm-generic layout, as on x86_64 and arm64), which differs from glibc's.
struct qir_kernel_sigaction {
    void (*handler)(int);
    unsigned long flags;
    void (*restorer)(void);
    unsigned long mask;
};

int qir_reset_signals(void) {
    // glibc's sigaction rejects signals 32 and 33 (it uses them for thread cancellation and setxid), yet a parent
    // may have left them ignored and an ignored signal stays ignored across execve; the system call resets them too.
    struct qir_kernel_sigaction action = {SIG_DFL, 0, 0, 0};
    for (int signal = 1; signal < NSIG; signal++) {
        if (signal == SIGKILL || signal == SIGSTOP) {
            continue;
        }
        if (syscall(SYS_rt_sigaction, signal, &action, NULL, sizeof(action.mask)) != 0) {
            return -1;
        }
    }
    sigset_t empty;
    sigemptyset(&empty);
    return sigprocmask(SIG_SETMASK, &empty, NULL);
}

int qir_file_identity(const char *path, unsigned long long *device, unsigned long long *inode, int *isDirectory) {
    struct stat status;
    if (stat(path, &status) != 0) {
        return -1;
    }
    *device = status.st_dev;
    *inode = status.st_ino;
    *isDirectory = S_ISDIR(status.st_mode);
    return 0;
}

int qir_file_size_and_kind(const char *path, unsigned long long *size, char *kind) {
    struct stat status;
    if (lstat(path, &status) != 0) {
        return -1;
    }
    *size = (unsigned long long)status.st_size;
    *kind = S_ISREG(status.st_mode) ? 'f' : S_ISDIR(status.st_mode) ? 'd' : S_ISLNK(status.st_mode) ? 'l' : 'o';
    return 0;
}

int qir_memlock_hard_limit(unsigned long long *bytes) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_MEMLOCK, &limit) != 0) {
        return -1;
    }
    *bytes = limit.rlim_max == RLIM_INFINITY ? ULLONG_MAX : (unsigned long long)limit.rlim_max;
    return 0;
}

static int qir_mount_setattr(const char *path, unsigned int flags, unsigned long long set, unsigned long long clear) {
    struct mount_attr attributes = {.attr_set = set, .attr_clr = clear};
    return (int)syscall(SYS_mount_setattr, AT_FDCWD, path, flags, &attributes, sizeof(attributes));
}

int qir_make_mount_tree_read_only(const char *path) {
    return qir_mount_setattr(path, AT_RECURSIVE, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID, 0);
}

int qir_make_mount_writable(const char *path) { return qir_mount_setattr(path, 0, 0, MOUNT_ATTR_RDONLY); }

int qir_lower_limit(int resource, unsigned long long value) {
    struct rlimit limit;
    if (getrlimit(resource, &limit) != 0) {
        return -1;
    }
    rlim_t wanted = (rlim_t)value;
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < wanted) {
        wanted = limit.rlim_max;
    }
    limit.rlim_cur = wanted;
    limit.rlim_max = wanted;
    return setrlimit(resource, &limit);
}

int qir_drop_bounding_capabilities(int keep) {
    // PR_CAPBSET_READ fails with EINVAL past the kernel's last capability, which ends the loop on any kernel.
    for (int cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++) {
        if (cap != keep && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) {
            return -1;
        }
    }
    return 0;
}

int qir_switch_user(unsigned int uid, unsigned int gid) {
    // Without KEEPCAPS, leaving uid 0 would clear the permitted set that qir_keep_only_capability narrows next.
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0 || setgroups(0, NULL) != 0) {
        return -1;
    }
    if (setresgid(gid, gid, gid) != 0 || setresuid(uid, uid, uid) != 0) {
        return -1;
    }
    return prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
}

int qir_keep_only_capability(int cap) {
    struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {{0}};
    data[CAP_TO_INDEX(cap)].effective = CAP_TO_MASK(cap);
    data[CAP_TO_INDEX(cap)].permitted = CAP_TO_MASK(cap);
    data[CAP_TO_INDEX(cap)].inheritable = CAP_TO_MASK(cap);
    if (syscall(SYS_capset, &header, data) != 0) {
        return -1;
    }
    return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0);
}

int qir_forbid_new_privileges(void) { return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); }

#if defined(__x86_64__)
#define QIR_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define QIR_AUDIT_ARCH AUDIT_ARCH_AARCH64
#else
#error "the seccomp filter knows x86_64 and aarch64 only"
#endif

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define QIR_ARG0_LOW offsetof(struct seccomp_data, args[0])
#else
#define QIR_ARG0_LOW (offsetof(struct seccomp_data, args[0]) + 4)
#endif

int qir_forbid_namespaces(void) {
    // CLONE_NEWTIME (0x80) is part of clone's exit-signal byte, where no valid signal sets it, so one mask serves
    // both calls. Without capabilities every flag but CLONE_NEWUSER already fails; a user namespace would give them
    // back inside it (and with them, e.g., an unbounded tmpfs), hence the filter.
    const unsigned int namespaces = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |
                                    CLONE_NEWPID | CLONE_NEWNET | 0x80;
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, QIR_AUDIT_ARCH, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
#if defined(__x86_64__)
        BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, __X32_SYSCALL_BIT, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
#endif
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_unshare, 1, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 3),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, QIR_ARG0_LOW),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, namespaces, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog program = {.len = sizeof(filter) / sizeof(filter[0]), .filter = filter};
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program, 0, 0);
}
