/* The signatures a server has accepted inside the auth window (auth.h: SC_AUTH_MAX_SKEW),
 * so the same signed request sent twice is refused the second time: a captured request
 * cannot be replayed even while its timestamp is still fresh. Bounded: at most `cap`
 * entries, each kept until its timestamp has left the window (after that the timestamp
 * check refuses it anyway). When every entry is still live the cache is full and the
 * request is refused rather than an entry forgotten early, so a replay never slips in
 * through an overflow. One cache per HTTP server; thread-safe. */
#ifndef SC_SERVER_REPLAY_H
#define SC_SERVER_REPLAY_H

#include <pthread.h>
#include <stddef.h>

#define SC_REPLAY_CAP_DEFAULT 4096

typedef struct sc_replay_entry {
    unsigned char mac[32]; /* the signature, as bytes */
    long long expires;     /* Unix seconds after which it is forgotten */
} sc_replay_entry;

typedef struct sc_replay_cache {
    pthread_mutex_t lock;
    sc_replay_entry *items; /* owned; cap of them */
    size_t cap, n;
} sc_replay_cache;

typedef enum sc_replay_result {
    SC_REPLAY_NEW,  /* first sighting: remembered */
    SC_REPLAY_SEEN, /* accepted before and still inside the window */
    SC_REPLAY_FULL, /* cap live entries: refused, nothing remembered */
    SC_REPLAY_MALFORMED, /* not 64 hex digits */
} sc_replay_result;

/* cap 0 = SC_REPLAY_CAP_DEFAULT. 0, or -1 when the mutex cannot be made. */
int sc_replay_init(sc_replay_cache *c, size_t cap);
void sc_replay_free(sc_replay_cache *c);
/* Looks up the signature (hex, as sent) and remembers it until expires when it is new.
 * Expired entries are dropped as it goes. */
sc_replay_result sc_replay_check(sc_replay_cache *c, const char *signature_hex, long long expires, long long now);

#endif
