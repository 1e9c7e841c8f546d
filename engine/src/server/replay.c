/* A flat array scanned in full: at the engine's rate of signed calls (a few per job)
 * it holds a few dozen live entries, and its bound keeps the scan short anyway. Expired
 * entries are swapped out with the last one as the scan meets them. */
#include "server/replay.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/xalloc.h"

int sc_replay_init(sc_replay_cache *c, size_t cap)
{
    memset(c, 0, sizeof *c);
    if (pthread_mutex_init(&c->lock, NULL) != 0)
        return -1;
    c->cap = cap ? cap : SC_REPLAY_CAP_DEFAULT;
    c->items = sc_xcalloc(c->cap, sizeof *c->items);
    return 0;
}

void sc_replay_free(sc_replay_cache *c)
{
    if (!c->items)
        return;
    pthread_mutex_destroy(&c->lock);
    free(c->items);
    memset(c, 0, sizeof *c);
}

static bool decode(const char *hex, unsigned char out[32])
{
    if (!hex || strlen(hex) != 64)
        return false;
    for (size_t i = 0; i < 32; i++) {
        int hi = sc_hex_digit(hex[2 * i]), lo = sc_hex_digit(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = (unsigned char)(hi * 16 + lo);
    }
    return true;
}

sc_replay_result sc_replay_check(sc_replay_cache *c, const char *signature_hex, long long expires, long long now)
{
    unsigned char mac[32];
    if (!decode(signature_hex, mac))
        return SC_REPLAY_MALFORMED;
    pthread_mutex_lock(&c->lock);
    sc_replay_result r = SC_REPLAY_NEW;
    for (size_t i = 0; i < c->n;) {
        if (c->items[i].expires < now) {
            c->items[i] = c->items[--c->n];
            continue;
        }
        if (memcmp(c->items[i].mac, mac, sizeof mac) == 0) {
            r = SC_REPLAY_SEEN;
            break;
        }
        i++;
    }
    if (r == SC_REPLAY_NEW && c->n == c->cap)
        r = SC_REPLAY_FULL;
    if (r == SC_REPLAY_NEW) {
        memcpy(c->items[c->n].mac, mac, sizeof mac);
        c->items[c->n].expires = expires;
        c->n++;
    }
    pthread_mutex_unlock(&c->lock);
    return r;
}
