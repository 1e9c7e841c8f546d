/* Who is on the other end of a connection, as far as the open routes care: /metrics and
 * /openapi.json are answered to a caller on this machine, to a signed caller, or to
 * anyone when STORYCUT_PUBLIC_DOCS says so. A pure function of the peer address, so it is
 * tested without a second machine. */
#ifndef SC_SERVER_PEER_H
#define SC_SERVER_PEER_H

#include <stdbool.h>
#include <sys/socket.h>

/* 127.0.0.0/8, ::1 and ::ffff:127.0.0.0/104; false for NULL and every other address. */
bool sc_peer_is_loopback(const struct sockaddr *sa);

#endif
