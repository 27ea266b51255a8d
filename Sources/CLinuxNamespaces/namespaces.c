#define _GNU_SOURCE
#include <sched.h>
#include <sys/statvfs.h>

#include "CLinuxNamespaces.h"

const int QIR_CLONE_NEWNET = CLONE_NEWNET;
const int QIR_CLONE_NEWNS = CLONE_NEWNS;
const unsigned long QIR_ST_NODEV = ST_NODEV;
const unsigned long QIR_ST_NOEXEC = ST_NOEXEC;

int qir_setns(int fd, int nstype) { return setns(fd, nstype); }

int qir_unshare(int flags) { return unshare(flags); }
