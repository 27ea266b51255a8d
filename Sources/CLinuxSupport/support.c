#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/resource.h>
#include <limits.h>

#include "CLinuxSupport.h"

const int QIR_CLONE_NEWNET = CLONE_NEWNET;
const int QIR_CLONE_NEWNS = CLONE_NEWNS;
const unsigned long QIR_ST_NODEV = ST_NODEV;
const unsigned long QIR_ST_NOEXEC = ST_NOEXEC;

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

int qir_memlock_hard_limit(unsigned long long *bytes) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_MEMLOCK, &limit) != 0) {
        return -1;
    }
    *bytes = limit.rlim_max == RLIM_INFINITY ? ULLONG_MAX : (unsigned long long)limit.rlim_max;
    return 0;
}
