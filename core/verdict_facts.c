/* SPDX-License-Identifier: GPL-2.0-or-later */
/* verdict_facts.c - the key/value facts that fill a verdict's message
 * template, and emitting the verdict into the correlator and its session. */
#include "verdict_rules_internal.h"

#include <stdarg.h>

/* key and fmt cannot be swapped silently: G_GNUC_PRINTF(3, 4) under -Wformat=2
 * rejects a non-literal format and extra arguments for a literal key. */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
void ma_fact(ma_facts *f, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_ptr_array_add(f->kv, g_strdup(key));
    g_ptr_array_add(f->kv, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}

void ma_fact_addr(ma_facts *f, const char *key, const ma_addr *a)
{
    char buf[MA_ADDR_STRLEN];
    ma_fact(f, key, "%s", ma_addr_to_str(a, buf));
}

void ma_fact_addr_port(ma_facts *f, const char *key, const ma_addr *a, int port)
{
    g_ptr_array_add(f->kv, g_strdup(key));
    g_ptr_array_add(f->kv, ma_addr_port_to_str(a, port));
}

void ma_facts_init(ma_facts *f)
{
    f->kv = g_ptr_array_new_with_free_func(g_free);
}

void ma_fact_flow(ma_facts *f, const ma_flow *fl)
{
    ma_fact(f, "flow", "%u", fl->id);
    ma_fact_addr_port(f, "src", &fl->src, fl->sport);
    ma_fact_addr_port(f, "dst", &fl->dst, fl->dport);
}

ma_verdict *ma_rule_emit(const ma_rule_ctx *x, ma_verdict_id id, const ma_flow *flow, ma_facts *f)
{
    g_ptr_array_add(f->kv, NULL);
    ma_verdict *v = ma_verdict_new(id, x->s != NULL ? x->s->id : 0,
                                   x->t != NULL ? x->t->index : MA_VERDICT_NO_TRACK,
                                   flow != NULL ? flow->id : 0, (const char *const *)f->kv->pdata);
    g_ptr_array_free(f->kv, TRUE);
    f->kv = NULL;
    if (x->g != NULL)
        v->group = x->g->addr;
    g_ptr_array_add(x->sink->verdicts, v);
    return v;
}
