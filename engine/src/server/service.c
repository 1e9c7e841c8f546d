/* The small shared pieces of the service seam: event list ownership and the name
 * checks the routes run before a path ever reaches the service. The artifact check is
 * an allow-list, not a path sanitiser, so nothing outside a job's artifacts can name. */
#include "server/service.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void sc_job_event_list_free(sc_job_event_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].type);
        free(l->items[i].data);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

void sc_job_event_list_push(sc_job_event_list *l, long long seq, const char *type, const char *data)
{
    l->items = sc_xreallocarray(l->items, l->n + 1, sizeof *l->items);
    l->items[l->n].seq = seq;
    l->items[l->n].type = sc_xstrdup(type);
    l->items[l->n].data = sc_xstrdup(data);
    l->n++;
}

bool sc_job_id_valid(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n >= SC_JOB_ID_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)id[i]) && id[i] != '-' && id[i] != '_')
            return false;
    return true;
}

bool sc_artifact_name_valid(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 64 || name[0] == '.' || strstr(name, ".."))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)name[i]) && name[i] != '.' && name[i] != '_' && name[i] != '-')
            return false;
    static const char *const fixed[] = {"video.mp4",     "thumbnail.png", "subtitles.srt", "subtitles.vtt",
                                        "metadata.json", "manifest.json"};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        if (strcmp(name, fixed[i]) == 0)
            return true;
    if (strncmp(name, "scene-", 6) != 0)
        return false;
    size_t digits = 0;
    while (isdigit((unsigned char)name[6 + digits]))
        digits++;
    if (digits < 2 || digits > 3)
        return false;
    const char *ext = name + 6 + digits;
    return strcmp(ext, ".png") == 0 || strcmp(ext, ".wav") == 0;
}
