/* SPDX-License-Identifier: GPL-2.0-or-later */
/* main.c - mcast-gen: writes the sample captures and their truth files.
 *   mcast-gen --scenario NAME|all --out DIR [--seed N] [--duration SECONDS]
 *   mcast-gen --list
 * `all` is the corpus of captures/; the bench-* scenarios (bench.c) are
 * written only by name, and only they take --duration.
 * Same arguments give byte-identical files: one seeded GRand per scenario
 * (seed mixed with the scenario's name) and a fixed start time. */
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>

static gboolean generate(const gen_scenario *sc, const char *out, guint32 seed, guint duration_s,
                         GError **error)
{
    gen_world w = { 0 };
    w.duration_s = duration_s;
    w.cap = gen_capture_new();
    w.rand = g_rand_new_with_seed(seed ^ g_str_hash(sc->name));
    w.members = g_array_new(FALSE, TRUE, sizeof(gen_member));
    w.hosts = g_ptr_array_new_with_free_func(g_free);
    sc->build(&w);
    char *name = g_strdup_printf("%s.pcap", sc->name);
    char *pcap = g_build_filename(out, name, NULL);
    char *json_name = g_strdup_printf("%s.expected.json", sc->name);
    char *json = g_build_filename(out, json_name, NULL);
    gboolean ok = gen_capture_write(w.cap, pcap, error) && gen_truth_write(json, sc, seed, duration_s, w.cap, error);
    if (ok && w.sdp_text != NULL) { /* the description mcast-audit --sdp reads */
        char *sdp_name = g_strdup_printf("%s.sdp", sc->name);
        char *sdp = g_build_filename(out, sdp_name, NULL);
        ok = g_file_set_contents(sdp, w.sdp_text, -1, error);
        g_free(sdp_name);
        g_free(sdp);
    }
    g_free(w.sdp_text);
    g_free(name); g_free(pcap); g_free(json_name); g_free(json);
    gen_capture_free(w.cap);
    g_rand_free(w.rand);
    g_array_free(w.members, TRUE);
    g_ptr_array_free(w.hosts, TRUE);
    return ok;
}

/* captures/README.md: one line per capture, written by regen-captures. */
static void readme(void)
{
    gsize n;
    const gen_scenario *s = gen_scenarios(&n);
    printf("# Sample captures\n\n"
           "Written by `tools/mcast-gen/regen-captures.sh BUILD_DIR` (`mcast-gen --scenario all --seed 1`);\n"
           "do not edit by hand. Each `NAME.pcap` has a `NAME.expected.json` with the figures the generator\n"
           "counted while writing it (RTSP messages, membership records, queries, RTP flows with\n"
           "packets/expected/lost/duplicates/reordered) and the verdicts a correct\n"
           "analyser gives (see the verdict rules). All start 2026-01-15 10:00:00 UTC.\n\n"
           "| capture | verdicts | what it shows |\n|---|---|---|\n");
    for (gsize i = 0; i < n; i++) {
        char *v = g_strjoinv(", ", (char **)s[i].verdicts);
        printf("| `%s.pcap` | %s | %s |\n", s[i].name, *v ? v : "none", s[i].description);
        g_free(v);
    }
}

static void list(void)
{
    gsize n;
    const gen_scenario *s = gen_scenarios(&n);
    for (gsize i = 0; i < n; i++)
        printf("%-28s %s\n", s[i].name, s[i].description);
    s = gen_bench_scenarios(&n);
    for (gsize i = 0; i < n; i++)
        printf("%-28s %s (not in 'all'; takes --duration)\n", s[i].name, s[i].description);
}

/* --duration: only bench scenarios, 1 s .. 1 day (media_ms stays in range). */
static const char *check_duration(const gen_scenario *one, gint duration)
{
    if (duration == -1)
        return NULL; /* not given */
    if (duration < 1 || duration > 86400)
        return "--duration must be 1..86400 seconds";
    if (!one || !gen_scenario_is_bench(one))
        return "--duration applies to bench-* scenarios only (see --list)";
    return NULL;
}

int main(int argc, char **argv)
{
    char *scenario = NULL, *out = NULL;
    gint seed = 1, duration = -1;
    gboolean do_list = FALSE, do_readme = FALSE;
    GOptionEntry entries[] = {
        { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario, "Scenario to write, or 'all'", "NAME" },
        { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Output directory (default .)", "DIR" },
        { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed (default 1)", "N" },
        { "duration", 0, 0, G_OPTION_ARG_INT, &duration, "Media length of a bench-* scenario", "SECONDS" },
        { "list", 'l', 0, G_OPTION_ARG_NONE, &do_list, "List the scenarios", NULL },
        { "readme", 0, 0, G_OPTION_ARG_NONE, &do_readme, "Print captures/README.md", NULL },
        { NULL, 0, 0, 0, NULL, NULL, NULL },
    };
    GError *error = NULL;
    GOptionContext *ctx = g_option_context_new("- write sample multicast RTSP captures and their truth");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        g_printerr("mcast-gen: %s\n", error->message);
        g_error_free(error);
        g_option_context_free(ctx);
        return 2;
    }
    g_option_context_free(ctx);
    int rc = 0;
    if (do_list) {
        list();
    } else if (do_readme) {
        readme();
    } else if (!scenario) {
        g_printerr("mcast-gen: --scenario NAME|all or --list is required\n");
        rc = 2;
    } else {
        const char *dir = out ? out : ".";
        gsize n;
        const gen_scenario *all = gen_scenarios(&n);
        const gen_scenario *one = gen_scenario_find(scenario);
        gboolean every = g_strcmp0(scenario, "all") == 0;
        const char *bad_duration = check_duration(one, duration);
        if (!every && !one) {
            g_printerr("mcast-gen: unknown scenario '%s' (see --list)\n", scenario);
            rc = 2;
        } else if (bad_duration) {
            g_printerr("mcast-gen: %s\n", bad_duration);
            rc = 2;
        } else if (g_mkdir_with_parents(dir, 0755) != 0) {
            g_printerr("mcast-gen: cannot create %s\n", dir);
            rc = 2;
        }
        for (gsize i = 0; rc == 0 && i < (every ? n : 1); i++) {
            if (!generate(every ? &all[i] : one, dir, (guint32)seed, duration > 0 ? (guint)duration : 0u, &error)) {
                g_printerr("mcast-gen: %s\n", error->message);
                g_clear_error(&error);
                rc = 1;
            }
        }
    }
    g_free(scenario);
    g_free(out);
    return rc;
}
