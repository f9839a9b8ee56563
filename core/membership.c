/* SPDX-License-Identifier: GPL-2.0-or-later */
/* membership.c - what IGMP/MLD reports mean for each host: a per (host,
 * group) filter state (RFC 3376 6.4 / RFC 3810 7.4, host view) so that a
 * repeated IS_EX is a refresh and BLOCK of the last INCLUDE source a leave.
 * The message helpers igmp.c and mld.c share are in membership_wire.c. */
#include "membership.h"

#include <string.h>

typedef struct {
    ma_addr host, group;
} memb_key;

typedef struct {
    gboolean include; /* FALSE: exclude mode */
    GArray *sources;  /* ma_addr: include list or exclude list */
} memb_state;

struct ma_memb_tracker {
    GHashTable *table; /* memb_key* -> memb_state*; include {} is never stored */
    guint max_entries;
    guint dropped;
    guint sources_dropped;
};

static guint key_hash(gconstpointer p)
{
    const memb_key *k = p;
    return ma_addr_hash(&k->host) * 31u + ma_addr_hash(&k->group);
}

/* NOLINTNEXTLINE(bugprone-easily-swappable-parameters): GEqualFunc, symmetric */
static gboolean key_equal(gconstpointer a, gconstpointer b)
{
    const memb_key *x = a, *y = b;
    return ma_addr_equal(&x->host, &y->host) && ma_addr_equal(&x->group, &y->group);
}

static void state_free(gpointer p)
{
    memb_state *s = p;
    g_array_unref(s->sources);
    g_free(s);
}

ma_memb_tracker *ma_memb_tracker_new_limited(guint max_entries)
{
    ma_memb_tracker *t = g_new0(ma_memb_tracker, 1);
    t->table = g_hash_table_new_full(key_hash, key_equal, g_free, state_free);
    t->max_entries = max_entries;
    return t;
}

ma_memb_tracker *ma_memb_tracker_new(void)
{
    return ma_memb_tracker_new_limited(MA_MEMB_TRACKER_MAX);
}

void ma_memb_tracker_free(ma_memb_tracker *t)
{
    if (t == NULL)
        return;
    g_hash_table_unref(t->table);
    g_free(t);
}

guint ma_memb_tracker_size(const ma_memb_tracker *t) { return g_hash_table_size(t->table); }
guint ma_memb_tracker_dropped(const ma_memb_tracker *t) { return t->dropped; }
guint ma_memb_tracker_sources_dropped(const ma_memb_tracker *t) { return t->sources_dropped; }

static memb_state *lookup(const ma_memb_tracker *t, const ma_addr *host, const ma_addr *group)
{
    memb_key k = { .host = *host, .group = *group };
    return g_hash_table_lookup(t->table, &k);
}

gboolean ma_memb_tracker_is_member(const ma_memb_tracker *t, const ma_addr *host,
                                   const ma_addr *group)
{
    return t != NULL && host != NULL && group != NULL && lookup(t, host, group) != NULL;
}

/* NULL when the table is full (counted). */
static memb_state *insert(ma_memb_tracker *t, const ma_addr *host, const ma_addr *group)
{
    memb_key *k;
    memb_state *s;
    if (g_hash_table_size(t->table) >= t->max_entries) {
        t->dropped++;
        return NULL;
    }
    k = g_new(memb_key, 1);
    *k = (memb_key){ .host = *host, .group = *group };
    s = g_new0(memb_state, 1);
    s->sources = g_array_new(FALSE, FALSE, sizeof(ma_addr));
    g_hash_table_insert(t->table, k, s);
    return s;
}

static void drop(ma_memb_tracker *t, const ma_addr *host, const ma_addr *group)
{
    memb_key k = { .host = *host, .group = *group };
    g_hash_table_remove(t->table, &k);
}

/* ---- source lists ---- */

void ma_memb_tracker_forget(ma_memb_tracker *t, const ma_addr *host, const ma_addr *group)
{
    if (t != NULL && host != NULL && group != NULL)
        drop(t, host, group);
}

static gint find_source(const GArray *a, const ma_addr *s)
{
    for (guint i = 0; i < a->len; i++)
        if (ma_addr_equal(&g_array_index(a, ma_addr, i), s))
            return (gint)i;
    return -1;
}

static void add_sources(ma_memb_tracker *t, GArray *a, const ma_addr *src, guint n)
{
    for (guint i = 0; i < n; i++) {
        if (find_source(a, &src[i]) >= 0)
            continue;
        if (a->len >= MA_MEMB_MAX_SOURCES) {
            t->sources_dropped++;
            continue;
        }
        g_array_append_val(a, src[i]);
    }
}

static void remove_sources(GArray *a, const ma_addr *src, guint n)
{
    for (guint i = 0; i < n; i++) {
        gint at = find_source(a, &src[i]);
        if (at >= 0)
            g_array_remove_index(a, (guint)at);
    }
}

/* ---- changes ---- */

static void change_free(gpointer p)
{
    ma_memb_change *c = p;
    g_free(c->sources);
    g_free(c->record_sources);
    g_free(c);
}

void ma_memb_changes_free(GPtrArray *changes)
{
    if (changes != NULL)
        g_ptr_array_unref(changes);
}

/* Record a change with the host's source list after it (s NULL: left). */
static void emit(GPtrArray *out, ma_change_kind kind, const ma_addr *group,
                 const memb_state *s, int record_type)
{
    ma_memb_change *c = g_new0(ma_memb_change, 1);
    c->kind = kind;
    c->group = *group;
    c->record_type = record_type;
    c->include_mode = s == NULL || s->include;
    if (s != NULL && s->sources->len > 0) {
        c->n_sources = s->sources->len;
        c->sources = g_new(ma_addr, s->sources->len);
        memcpy(c->sources, s->sources->data, sizeof(ma_addr) * s->sources->len);
    }
    g_ptr_array_add(out, c);
}

/* ---- RFC 3376 6.4 transitions, host view ---- */

static void leave(ma_memb_tracker *t, const ma_addr *host, const ma_addr *group, int rtype,
                  GPtrArray *out)
{
    if (lookup(t, host, group) == NULL)
        return; /* not a member: nothing changes */
    drop(t, host, group);
    emit(out, MA_CHANGE_LEAVE, group, NULL, rtype);
}

/* The state becomes {include, src}; include {} is a leave. */
static void set_mode(ma_memb_tracker *t, const ma_addr *host, const ma_addr *group,
                     gboolean include, const ma_addr *src, guint n, int rtype, GPtrArray *out)
{
    memb_state *s = lookup(t, host, group);
    gboolean was_member = s != NULL;
    if (include && n == 0) {
        leave(t, host, group, rtype, out);
        return;
    }
    if (s == NULL && (s = insert(t, host, group)) == NULL)
        return;
    s->include = include;
    g_array_set_size(s->sources, 0);
    add_sources(t, s->sources, src, n);
    emit(out, was_member ? MA_CHANGE_REFRESH : MA_CHANGE_JOIN, group, s, rtype);
}

static void allow(ma_memb_tracker *t, const ma_addr *host, const ma_memb_record *r,
                  GPtrArray *out)
{
    memb_state *s = lookup(t, host, &r->group);
    if (s == NULL) { /* include {} + ALLOW(B) = include {B}: a join if B != {} */
        set_mode(t, host, &r->group, TRUE, r->sources, r->n_sources, r->type, out);
        return;
    }
    if (s->include)
        add_sources(t, s->sources, r->sources, r->n_sources);
    else
        remove_sources(s->sources, r->sources, r->n_sources);
    emit(out, MA_CHANGE_REFRESH, &r->group, s, r->type);
}

static void block(ma_memb_tracker *t, const ma_addr *host, const ma_memb_record *r,
                  GPtrArray *out)
{
    memb_state *s = lookup(t, host, &r->group);
    if (s == NULL)
        return; /* BLOCK from include {} changes nothing */
    if (!s->include) {
        add_sources(t, s->sources, r->sources, r->n_sources);
    } else {
        remove_sources(s->sources, r->sources, r->n_sources);
        if (s->sources->len == 0) { /* last source blocked: the host left */
            leave(t, host, &r->group, r->type, out);
            return;
        }
    }
    emit(out, MA_CHANGE_REFRESH, &r->group, s, r->type);
}

static void apply_record_type(ma_memb_tracker *t, const ma_addr *host, const ma_memb_record *r,
                              GPtrArray *out);

/* Each change keeps the record's own source list too: a BLOCK_OLD_SOURCES
 * that empties the list must still say which sources it blocked. */
static void apply_record(ma_memb_tracker *t, const ma_addr *host, const ma_memb_record *r,
                         GPtrArray *out)
{
    guint before = out->len;
    apply_record_type(t, host, r, out);
    for (guint i = before; i < out->len && r->n_sources > 0; i++) {
        ma_memb_change *c = g_ptr_array_index(out, i);
        c->n_record_sources = r->n_sources;
        c->record_sources = g_memdup2(r->sources, sizeof(ma_addr) * r->n_sources);
    }
}

static void apply_record_type(ma_memb_tracker *t, const ma_addr *host, const ma_memb_record *r,
                              GPtrArray *out)
{
    switch (r->type) {
    case MA_REC_MODE_IS_INCLUDE:
    case MA_REC_CHANGE_TO_INCLUDE:
        set_mode(t, host, &r->group, TRUE, r->sources, r->n_sources, r->type, out);
        break;
    case MA_REC_MODE_IS_EXCLUDE:
    case MA_REC_CHANGE_TO_EXCLUDE:
        set_mode(t, host, &r->group, FALSE, r->sources, r->n_sources, r->type, out);
        break;
    case MA_REC_ALLOW_NEW_SOURCES:
        allow(t, host, r, out);
        break;
    case MA_REC_BLOCK_OLD_SOURCES:
        block(t, host, r, out);
        break;
    default: /* unknown record types are ignored (RFC 3376 4.2.12) */
        break;
    }
}

GPtrArray *ma_memb_tracker_apply(ma_memb_tracker *t, const ma_addr *host, const ma_memb_msg *m)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(change_free);
    if (t == NULL || host == NULL || m == NULL)
        return out;
    switch (m->kind) {
    case MA_MEMB_REPORT_V1:
    case MA_MEMB_REPORT_V2: /* any-source join: exclude {} */
        set_mode(t, host, &m->group, FALSE, NULL, 0, 0, out);
        break;
    case MA_MEMB_LEAVE_V2:
        leave(t, host, &m->group, 0, out);
        break;
    case MA_MEMB_REPORT_V3:
        for (guint i = 0; i < m->n_records; i++)
            apply_record(t, host, &m->records[i], out);
        break;
    case MA_MEMB_QUERY:
    default:
        break;
    }
    return out;
}
