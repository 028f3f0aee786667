#ifndef CEPOLL_H
#define CEPOLL_H

/// An epoll instance (close-on-exec) that reports `fd` readable; -1 with errno on failure.
int convo_epoll_for(int fd);

/// Waits up to `timeout_ms` on an instance from `convo_epoll_for`: 1 readable, 0 timed out, -1 with errno.
int convo_epoll_wait(int epoll_fd, int timeout_ms);

#endif
