// interop-pause: the only program of the docker runtime's namespace holder image. It keeps a container (and so its
// network namespace) alive until it is told to stop, like Kubernetes' pause container. It is linked statically, so the
// image needs no other file. As PID 1 of its container it must handle SIGTERM itself: the kernel ignores default
// actions for PID 1.
#include <signal.h>
#include <unistd.h>

static void stop(int signal) {
    (void)signal;
    _exit(0);
}

int main(void) {
    struct sigaction action = {0};
    action.sa_handler = stop;
    sigaction(SIGTERM, &action, 0);
    sigaction(SIGINT, &action, 0);
    for (;;) {
        pause();
    }
}
