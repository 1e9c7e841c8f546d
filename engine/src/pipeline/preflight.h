/* What a render needs from the machine (encoders, font, soundfont, voice data), checked
 * before any work starts so a missing piece is one clear line, not a failure halfway
 * through. `storycut doctor` prints the same checks as a table. */
#ifndef SC_PIPELINE_PREFLIGHT_H
#define SC_PIPELINE_PREFLIGHT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/config.h"
#include "core/error.h"
#include "model/request.h"

/* Fails with SC_ERR_INPUT naming the first missing piece a render in lang needs. */
int sc_preflight(const sc_config *cfg, sc_lang lang, sc_error *err);
/* Prints every check; returns true when all pass. */
bool sc_doctor(FILE *out, const sc_config *cfg);

#endif
