/* The one list of settings holds: every STORYCUT_* name spelled in engine/src is
 * declared (core/config_keys.def or a driver's table), no key is declared twice, and
 * README.md's settings tables have exactly one row per declared setting, as the
 * registry renders it (name, alias, type, default, help), and every default is of its
 * own type. A driver's bound settings are read, checked and freed by the registry.
 * The config store itself:
 * it takes any number of keys, aliases come from the declarations, typed getters
 * take the declared default and name the variable when a value is bad, and a typo is
 * matched to the nearest declared name. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/config_keys.h"
#include "core/files.h"
#include "core/setting.h"
#include "core/xalloc.h"
#include "providers/registry.h"

static const char *source_dir(void)
{
    const char *d = getenv("STORYCUT_SOURCE_DIR");
    return d && *d ? d : STORYCUT_SOURCE_DIR;
}

static char *read_text(const char *path)
{
    char *text = NULL;
    size_t len = 0;
    sc_error err = {0};
    if (sc_read_file(path, 16u << 20, &text, &len, &err) != 0)
        fail_msg("%s", err.msg);
    return text;
}

static bool is_source(const char *name)
{
    size_t n = strlen(name);
    return (n > 2 && (strcmp(name + n - 2, ".c") == 0 || strcmp(name + n - 2, ".h") == 0)) ||
           (n > 4 && strcmp(name + n - 4, ".def") == 0);
}

/* Appends "path:line: NAME\n" to bad for every STORYCUT_ name in text that no
 * declaration knows. A name ending in '_' is a prefix in prose (STORYCUT_PROVIDER_<KIND>). */
static void check_names(const char *path, const char *text, const sc_setting_list *known, sc_buf *bad)
{
    int line = 1;
    for (const char *p = text; *p; p++) {
        if (*p == '\n')
            line++;
        if (strncmp(p, "STORYCUT_", 9) != 0 || (p > text && (p[-1] == '_' || (p[-1] >= 'A' && p[-1] <= 'Z'))))
            continue;
        size_t n = 9;
        while ((p[n] >= 'A' && p[n] <= 'Z') || (p[n] >= '0' && p[n] <= '9') || p[n] == '_')
            n++;
        char *name = sc_xstrndup(p, n);
        if (name[n - 1] != '_' && !sc_setting_list_find(known, name))
            sc_buf_printf(bad, "%s:%d: %s\n", path, line, name);
        free(name);
        p += n - 1;
    }
}

static void walk(const char *dir, const sc_setting_list *known, sc_buf *bad, int *files)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *e = readdir(d); e; e = readdir(d)) {
        if (e->d_name[0] == '.')
            continue;
        char *path = sc_path_join(dir, e->d_name);
        if (e->d_type == DT_DIR) {
            walk(path, known, bad, files);
        } else if (is_source(e->d_name)) {
            char *text = read_text(path);
            check_names(path, text, known, bad);
            free(text);
            (*files)++;
        }
        free(path);
    }
    closedir(d);
}

static void every_name_in_the_source_is_declared(void **state)
{
    (void)state;
    sc_setting_list known;
    assert_int_equal(sc_settings_all(&known), 0); /* no key declared twice */
    assert_true(known.n >= 60);
    char *src = sc_path_join(source_dir(), "engine/src");
    sc_buf bad;
    sc_buf_init(&bad);
    int files = 0;
    walk(src, &known, &bad, &files);
    assert_true(files > 100);
    if (bad.len) {
        fprintf(stderr, "%s", bad.data);
        fail_msg("STORYCUT_* names (above) not declared in core/config_keys.def or a driver's settings");
    }
    sc_buf_free(&bad);
    free(src);
    sc_setting_list_free(&known);
}

/* The README row the registry stands for:
 * | `KEY` (or `ALIAS`) | type | `default` or — | help | */
static char *readme_row(const sc_setting *s)
{
    sc_buf b;
    sc_buf_init(&b);
    sc_buf_printf(&b, "| `%s`", s->key);
    if (s->alias)
        sc_buf_printf(&b, " (or `%s`)", s->alias);
    sc_buf_puts(&b, " | ");
    if (s->type == SC_SETTING_CHOICE) {
        for (const char *c = s->choices; *c; c++) {
            if (*c == '|')
                sc_buf_puts(&b, " \\| ");
            else
                sc_buf_putc(&b, *c);
        }
    } else {
        sc_buf_puts(&b, sc_setting_type_name(s->type));
    }
    if (s->def)
        sc_buf_printf(&b, " | `%s` | %s |", s->def, s->help);
    else
        sc_buf_printf(&b, " | — | %s |", s->help);
    return sc_buf_take(&b);
}

#define README_HEADER "| setting | type | default | meaning |"

static void the_readme_tables_are_the_declarations(void **state)
{
    (void)state;
    sc_setting_list known;
    assert_int_equal(sc_settings_all(&known), 0);
    char *path = sc_path_join(source_dir(), "README.md");
    char *readme = read_text(path);
    /* Rows of every table under README_HEADER, each marked when the registry has it. */
    sc_buf extra, missing;
    sc_buf_init(&extra);
    sc_buf_init(&missing);
    bool *seen = sc_xcalloc(known.n ? known.n : 1, sizeof *seen);
    char **rows = sc_xcalloc(known.n ? known.n : 1, sizeof *rows);
    for (size_t i = 0; i < known.n; i++)
        rows[i] = readme_row(known.v[i]);
    int tables = 0;
    bool in_table = false;
    for (char *save = NULL, *line = strtok_r(readme, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (strcmp(line, README_HEADER) == 0) {
            in_table = true;
            tables++;
            continue;
        }
        if (!in_table || strncmp(line, "| ---", 5) == 0)
            continue;
        if (line[0] != '|') {
            in_table = false;
            continue;
        }
        bool found = false;
        for (size_t i = 0; i < known.n && !found; i++)
            if (strcmp(rows[i], line) == 0) {
                found = !seen[i];
                seen[i] = true;
            }
        if (!found)
            sc_buf_printf(&extra, "%s\n", line);
    }
    for (size_t i = 0; i < known.n; i++)
        if (!seen[i])
            sc_buf_printf(&missing, "%s\n", rows[i]);
    assert_true(tables >= 1);
    if (extra.len || missing.len) {
        fprintf(stderr, "Rows no declaration matches (or repeated):\n%s\nRows the declarations want:\n%s",
                extra.len ? extra.data : "(none)\n", missing.len ? missing.data : "(none)\n");
        fail_msg("README.md's settings tables (" README_HEADER ") differ from the declarations (above)");
    }
    for (size_t i = 0; i < known.n; i++)
        free(rows[i]);
    free(rows);
    free(seen);
    sc_buf_free(&extra);
    sc_buf_free(&missing);
    free(readme);
    free(path);
    sc_setting_list_free(&known);
}

static void the_store_has_no_limit(void **state)
{
    (void)state;
    sc_config cfg = {0};
    char key[64], value[64];
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "STORYCUT_K%d", i);
        snprintf(value, sizeof value, "v%d", i);
        sc_config_set(&cfg, key, value);
    }
    sc_config_set(&cfg, "STORYCUT_K7", "again");
    assert_int_equal(cfg.n, 1000);
    assert_string_equal(sc_config_get(&cfg, "STORYCUT_K999", NULL), "v999");
    assert_string_equal(sc_config_get(&cfg, "STORYCUT_K7", NULL), "again");
    sc_config_free(&cfg);
    assert_null(sc_config_get(&cfg, "STORYCUT_K7", NULL));
}

static void aliases_come_from_the_declarations(void **state)
{
    (void)state;
    sc_setting_list known;
    assert_int_equal(sc_settings_all(&known), 0);
    setenv("OPENAI_API_KEY", "sk-from-the-seed", 1);
    setenv("GOOGLE_API_KEY", "g-from-the-seed", 1);
    setenv("STORYCUT_GEMINI_API_KEY", "g-own", 1);
    sc_config cfg;
    sc_config_from_env(&cfg, &known);
    assert_string_equal(sc_config_get(&cfg, "STORYCUT_OPENAI_API_KEY", NULL), "sk-from-the-seed");
    assert_string_equal(sc_config_get(&cfg, "STORYCUT_GEMINI_API_KEY", NULL), "g-own"); /* STORYCUT_* wins */
    sc_config_free(&cfg);
    unsetenv("OPENAI_API_KEY");
    unsetenv("GOOGLE_API_KEY");
    unsetenv("STORYCUT_GEMINI_API_KEY");

    char path[] = "/tmp/sc-config-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("ELEVENLABS_API_KEY=el-key\nSTORYCUT_FONT='Noto Serif'\n", f);
    fclose(f);
    sc_config cfg2 = {0};
    sc_error err = {0};
    assert_int_equal(sc_config_load_file(&cfg2, path, &known, &err), 0);
    assert_string_equal(sc_config_get(&cfg2, "STORYCUT_ELEVENLABS_API_KEY", NULL), "el-key");
    assert_string_equal(sc_setting_str(&cfg2, &sc_key_font), "Noto Serif");
    sc_config_free(&cfg2);
    unlink(path);
    sc_setting_list_free(&known);
}

static void typed_getters_use_the_declaration(void **state)
{
    (void)state;
    sc_config cfg = {0};
    sc_error err = {0};
    assert_string_equal(sc_setting_str(&cfg, &sc_key_font), "Noto Sans CJK KR");
    assert_string_equal(sc_setting_str(NULL, &sc_key_listen), "127.0.0.1:8787");
    int n = 0;
    assert_int_equal(sc_setting_int(&cfg, &sc_key_workers, 3, &n, &err), 0);
    assert_int_equal(n, 3); /* computed default */
    sc_config_set(&cfg, "STORYCUT_WORKERS", "65");
    assert_int_equal(sc_setting_int(&cfg, &sc_key_workers, 3, &n, &err), -1);
    assert_int_equal(err.code, SC_ERR_INPUT);
    assert_string_equal(err.msg, "STORYCUT_WORKERS: '65' is not a number from 1 to 64");
    sc_config_set(&cfg, "STORYCUT_WORKERS", "2x");
    assert_int_equal(sc_setting_check(&cfg, &sc_key_workers, &err), -1);
    sc_config_set(&cfg, "STORYCUT_WORKERS", "8");
    assert_int_equal(sc_setting_int(&cfg, &sc_key_workers, 3, &n, &err), 0);
    assert_int_equal(n, 8);
    sc_config_set(&cfg, "STORYCUT_R2_ENDPOINT", "ftp://x");
    assert_int_equal(sc_setting_check(&cfg, &sc_key_r2_endpoint, &err), -1);
    assert_non_null(strstr(err.msg, "STORYCUT_R2_ENDPOINT"));
    /* A secret is shown as set or not, never as its value. */
    char shown[64];
    assert_string_equal(sc_setting_shown(&cfg, &sc_key_secret, shown, sizeof shown), "not set");
    sc_config_set(&cfg, "STORYCUT_SECRET", "hunter2-hunter2");
    assert_string_equal(sc_setting_shown(&cfg, &sc_key_secret, shown, sizeof shown), "set");
    sc_config_free(&cfg);
}

static void every_default_is_of_its_type(void **state)
{
    (void)state;
    sc_setting_list known;
    assert_int_equal(sc_settings_all(&known), 0);
    for (size_t i = 0; i < known.n; i++) {
        const sc_setting *s = known.v[i];
        assert_non_null(s->help);
        if (s->type == SC_SETTING_SECRET)
            assert_null(s->def); /* a secret has no default to print */
        if (!s->def)
            continue;
        sc_config cfg = {0};
        sc_config_set(&cfg, s->key, s->def);
        sc_error err = {0};
        if (sc_setting_check(&cfg, s, &err) != 0)
            fail_msg("the default of %s: %s", s->key, err.msg);
        sc_config_free(&cfg);
    }
    sc_setting_list_free(&known);
}

/* A driver's private state as the registry fills it. */
typedef struct bound {
    char *name, *server;
    double wait;
    int tries;
    char *unset;
} bound;

static const sc_setting s_name = {.key = "STORYCUT_T_NAME", .type = SC_SETTING_STRING, .def = "plain", .help = "t"};
static const sc_setting s_server = {.key = "STORYCUT_T_SERVER", .type = SC_SETTING_URL, .required = true, .help = "t"};
static const sc_setting s_wait = {.key = "STORYCUT_T_WAIT", .type = SC_SETTING_SECONDS, .def = "1.5", .min = 0.1,
                                  .max = 10, .help = "t"};
static const sc_setting s_tries = {.key = "STORYCUT_T_TRIES", .type = SC_SETTING_INT, .def = "4", .min = 1, .max = 9,
                                   .help = "t"};
static const sc_setting s_unset = {.key = "STORYCUT_T_UNSET", .type = SC_SETTING_STRING, .help = "t"};
static const sc_setting s_manual = {.key = "STORYCUT_T_MANUAL", .type = SC_SETTING_STRING, .help = "t"};
static const sc_setting_field fields[] = {
    SC_FIELD(s_name, bound, name),   SC_FIELD(s_server, bound, server), SC_FIELD(s_wait, bound, wait),
    SC_FIELD(s_tries, bound, tries), SC_FIELD(s_unset, bound, unset),   SC_UNBOUND(s_manual),
    SC_FIELDS_END,
};

static void the_registry_reads_checks_and_frees_bound_settings(void **state)
{
    (void)state;
    sc_config cfg = {0};
    sc_error err = {0};
    bound b = {0};
    assert_false(sc_settings_ready(fields, &cfg));
    assert_int_equal(sc_settings_read(fields, &cfg, &b, &err), -1);
    assert_string_equal(err.msg, "STORYCUT_T_SERVER is not set");
    assert_null(b.name); /* nothing stored on failure */
    sc_config_set(&cfg, "STORYCUT_T_SERVER", "http://127.0.0.1:9/v1//");
    sc_config_set(&cfg, "STORYCUT_T_TRIES", "7");
    assert_true(sc_settings_ready(fields, &cfg));
    assert_int_equal(sc_settings_read(fields, &cfg, &b, &err), 0);
    assert_string_equal(b.name, "plain");                  /* the declared default */
    assert_string_equal(b.server, "http://127.0.0.1:9/v1"); /* a URL without trailing '/' */
    assert_float_equal(b.wait, 1.5, 1e-12);
    assert_int_equal(b.tries, 7);
    assert_null(b.unset);
    sc_settings_release(fields, &b);
    assert_null(b.name);
    assert_null(b.server);
    sc_config_set(&cfg, "STORYCUT_T_WAIT", "20");
    assert_int_equal(sc_settings_read(fields, &cfg, &b, &err), -1);
    assert_string_equal(err.msg, "STORYCUT_T_WAIT: '20' is not a number of seconds from 0.1 to 10");
    assert_null(b.name);
    sc_config_free(&cfg);
}

static void a_typo_is_matched_to_the_nearest_name(void **state)
{
    (void)state;
    sc_setting_list known;
    assert_int_equal(sc_settings_all(&known), 0);
    assert_null(sc_setting_list_find(&known, "STORYCUT_OPENIA_API_KEY"));
    assert_string_equal(sc_setting_list_nearest(&known, "STORYCUT_OPENIA_API_KEY"), "STORYCUT_OPENAI_API_KEY");
    assert_string_equal(sc_setting_list_nearest(&known, "STORYCUT_WORKER"), "STORYCUT_WORKERS");
    assert_null(sc_setting_list_nearest(&known, "STORYCUT_SOMETHING_ELSE_ENTIRELY"));
    assert_non_null(sc_setting_list_find(&known, "R2_ACCOUNT_ID")); /* an alias */
    sc_setting_list_free(&known);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_name_in_the_source_is_declared),
        cmocka_unit_test(the_readme_tables_are_the_declarations),
        cmocka_unit_test(the_store_has_no_limit),
        cmocka_unit_test(aliases_come_from_the_declarations),
        cmocka_unit_test(typed_getters_use_the_declaration),
        cmocka_unit_test(every_default_is_of_its_type),
        cmocka_unit_test(the_registry_reads_checks_and_frees_bound_settings),
        cmocka_unit_test(a_typo_is_matched_to_the_nearest_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
