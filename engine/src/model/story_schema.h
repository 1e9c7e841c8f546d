/* The story's JSON Schema (engine/schema/story.schema.json), embedded in the binary at
 * build time (CMake runs cmake/embed_text.cmake), so cloud story writers can send it as
 * their structured-output schema without the source tree. The text is static: do not free. */
#ifndef SC_MODEL_STORY_SCHEMA_H
#define SC_MODEL_STORY_SCHEMA_H

#include <stddef.h>

/* The schema's JSON text, NUL-terminated. */
const char *sc_story_schema_json(void);
/* Its length in bytes, without the NUL. */
size_t sc_story_schema_json_len(void);

#endif
