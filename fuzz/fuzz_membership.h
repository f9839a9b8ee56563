/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_membership.h - shared by the IGMP and MLD harnesses: a parsed
 * membership message applied to a host's membership state, and what the
 * reports print of it. */
#ifndef MA_FUZZ_MEMBERSHIP_H
#define MA_FUZZ_MEMBERSHIP_H

#include "membership.h"

static inline void fuzz_apply_membership(const ma_memb_msg *m, const ma_addr *host)
{
    for (guint i = 0; i < m->n_records; i++) {
        (void)ma_record_type_name(m->records[i].type);
        (void)ma_record_type_abbrev(m->records[i].type);
    }
    ma_memb_tracker *t = ma_memb_tracker_new_limited(64);
    /* twice: the second report is a refresh of the state the first made */
    for (int round = 0; round < 2; round++)
        ma_memb_changes_free(ma_memb_tracker_apply(t, host, m));
    (void)ma_memb_tracker_size(t);
    ma_memb_tracker_free(t);
}

#endif
