// struct epoll_event is packed on x86-64, which Swift does not import faithfully: the calls stay in C.
#include "CEpoll.h"

#include <sys/epoll.h>
#include <unistd.h>

int convo_epoll_for(int fd) {
    int epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_fd < 0) return -1;
    struct epoll_event interest = {.events = EPOLLIN, .data.fd = fd};
    if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &interest) != 0) {
        close(epoll_fd);
        return -1;
    }
    return epoll_fd;
}

int convo_epoll_wait(int epoll_fd, int timeout_ms) {
    struct epoll_event ready;
    return epoll_wait(epoll_fd, &ready, 1, timeout_ms);
}
