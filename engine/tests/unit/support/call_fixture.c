/* The provider tests' call log (call_fixture.h). */
#include "call_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void keep(void *ud, const sc_provider_call *in)
{
    fx_calls *c = ud;
    pthread_mutex_lock(&c->lock);
    if (c->n < sizeof c->calls / sizeof *c->calls) {
        fx_call *k = &c->calls[c->n++];
        memset(k, 0, sizeof *k);
        snprintf(k->provider, sizeof k->provider, "%s", in->provider ? in->provider : "");
        snprintf(k->kind, sizeof k->kind, "%s", in->kind ? in->kind : "");
        snprintf(k->model, sizeof k->model, "%s", in->model ? in->model : "");
        snprintf(k->outcome, sizeof k->outcome, "%s", in->outcome ? in->outcome : "");
        snprintf(k->unit, sizeof k->unit, "%s", in->unit ? in->unit : "");
        k->scene = in->scene;
        k->http_status = in->http_status;
        k->attempts = in->attempts;
        k->seconds = in->seconds;
        k->units = in->units;
        k->cost_usd = in->cost_usd;
    }
    pthread_mutex_unlock(&c->lock);
}

sc_call_log fx_call_log(fx_calls *calls)
{
    memset(calls, 0, sizeof *calls);
    calls->lock = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
    return (sc_call_log){.record = keep, .ud = calls};
}

const fx_call *fx_last_call(fx_calls *calls)
{
    pthread_mutex_lock(&calls->lock);
    size_t n = calls->n;
    pthread_mutex_unlock(&calls->lock);
    if (n == 0) {
        fprintf(stderr, "no provider call was recorded\n");
        abort();
    }
    return &calls->calls[n - 1];
}
