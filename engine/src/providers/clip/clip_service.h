/* What the cloud clip drivers (runway, luma, veo) share. Each service works the same
 * way: one call starts a long-running job, a status URL is polled until the job is done
 * or failed, and the finished video is downloaded from the URL the status gives. This
 * file does the polling (with a deadline, honouring cancel), the download (written
 * atomically, and only kept when it is a video the composer can decode), the call log
 * record, the prompt and the picture upload form; the drivers only build their own
 * requests and read their own answers. All HTTP goes through providers/cloud/api.h. */
#ifndef SC_PROVIDERS_VIDEO_CLIP_SERVICE_H
#define SC_PROVIDERS_VIDEO_CLIP_SERVICE_H

#include <jansson.h>

#include "core/clock.h"
#include "core/config.h"
#include "core/setting.h"
#include "providers/cloud/api.h"
#include "providers/clip/clip.h"

#define SC_CLIP_MAX_BYTES (512u * 1024 * 1024)

/* A service as one driver instance sees it; the strings are the driver's own. */
typedef struct sc_clip_service {
    const char *provider;       /* "Runway": names the service in errors */
    const char *name;           /* "runway": the driver, in the call log */
    const char *secret;         /* the API key, scrubbed from every message */
    const char *const *headers; /* authentication headers for the API, NULL-terminated */
    double poll;                /* seconds between status calls */
    double timeout;             /* seconds from the start of make_clip to a finished clip */
    const char *timeout_key;    /* "STORYCUT_RUNWAY_CLIP_TIMEOUT", named when it runs out */
} sc_clip_service;

/* STORYCUT_CLIP_POLL_SECONDS: seconds between status calls, a setting every clip driver lists. */
extern const sc_setting sc_clip_poll_setting;

/* The settings every clip driver binds the same way, into a priv with char *key, *base,
 * *model and an sc_clip_service svc: its key, server, model, the seconds one clip may
 * take (svc.timeout) and the poll interval (svc.poll). */
#define SC_CLIP_FIELDS(priv_type, key_s, base_s, model_s, timeout_s)                                                    \
    SC_FIELD(key_s, priv_type, key), SC_FIELD(base_s, priv_type, base), SC_FIELD(model_s, priv_type, model),           \
        SC_FIELD(timeout_s, priv_type, svc.timeout), SC_FIELD(sc_clip_poll_setting, priv_type, svc.poll)

/* HTTP outcome across the calls of one clip, for the call log. */
typedef struct sc_clip_tally {
    double started; /* sc_monotonic() when make_clip began */
    int attempts;
    int http_status; /* the last answer's */
} sc_clip_tally;

/* POSTs a JSON body to url and parses the answer into *answer (the caller decrefs). A
 * 4xx fails at once with the service's message; *answer is then its error body when it
 * was JSON (for a driver to recognise a refusal), else NULL. */
int sc_clip_post(const sc_clip_service *svc, const sc_clip_request *req, const char *url, const json_t *body,
                 sc_clip_tally *tally, json_t **answer, sc_error *err);

/* Reads one status answer: 1 while the job runs, 0 when it is done with *video_url (the
 * caller frees), -1 with err when it failed (SC_ERR_REFUSED for a content refusal). */
typedef int (*sc_clip_status_fn)(const sc_clip_service *svc, const sc_clip_request *req, const json_t *answer,
                                 char **video_url, sc_error *err);

/* GETs url every svc->poll seconds until status says done or failed, the deadline
 * (tally->started + svc->timeout) passes, or req->cancel is set. */
int sc_clip_poll(const sc_clip_service *svc, const sc_clip_request *req, const char *url, sc_clip_status_fn status,
                 sc_clip_tally *tally, char **video_url, sc_error *err);

/* Downloads url to req->out_mp4 (atomically), sending svc->headers only when `with_auth`
 * (a service's own file URL; never a storage URL of another host), and keeps it only
 * when it decodes as a video with at least one frame. *seconds: its length. */
int sc_clip_download(const sc_clip_service *svc, const sc_clip_request *req, const char *url, bool with_auth,
                     sc_clip_tally *tally, double *seconds, sc_error *err);

/* Records the clip's call in req->log: outcome from rc and err, cost when it succeeded
 * (billed_seconds x usd_per_second). */
void sc_clip_record(const sc_clip_service *svc, const sc_clip_request *req, const char *model,
                    const sc_clip_tally *tally, int rc, const sc_error *err, double billed_seconds,
                    double usd_per_second);

/* The words a service animates the picture by: the scene's visual, the camera's move,
 * its mood and the story's style, cut at a word to at most max bytes. Caller frees. */
char *sc_clip_prompt(const sc_clip_request *req, size_t max);

/* The picture as a PNG no larger than max_side on its long side (scaled down when
 * bigger), base64-encoded. *b64 is the caller's to free. */
int sc_clip_picture_base64(const char *png_path, int max_side, char **b64, sc_error *err);

/* The shortest of `offered` seconds (ascending) that lasts at least `want`, else the
 * longest: the composer stretches or holds a clip shorter than its scene. */
int sc_clip_pick_seconds(const int *offered, size_t n, double want);

/* Whether an id from a service's answer is safe to put in a URL path: ASCII letters,
 * digits and the characters in `extra`, at most 256 bytes. */
bool sc_clip_safe_id(const char *id, const char *extra);

/* Whether a service's failure text reads as a content-policy refusal. */
bool sc_clip_text_is_refusal(const char *text);

/* Fails with SC_ERR_REFUSED naming the scene, the service's reason and what to change. */
int sc_clip_refused(const sc_clip_service *svc, const sc_clip_request *req, const char *reason, sc_error *err);

#endif
