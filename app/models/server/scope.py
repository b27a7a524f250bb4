"""County scope on the server: row-level security policies on the case tables.

A Pol user with rows in `user_county` is limited to those counties (a فرمانداری's staff); a user
without any, and any login that is not a Pol user's (the owner, a superuser), is unrestricted.
`scope_counties()` answers for the current login; the policies call it inside a scalar
subquery, `(SELECT scope_counties())`, which the planner turns into an InitPlan evaluated once
per query instead of once per row.

- `request`: its own `county_id`; a request with no county is visible only to unrestricted
  logins (NULL is never = ANY of an array).
- `meeting`: its own `county_id`, the same way.
- the children reach their parent with EXISTS, and the parent's own policy applies inside it:
  `referral`, `review`, `request_link` through `request`; `referral_event` through `referral`;
  `meeting_attendee`, `meeting_directive` through `meeting` (a directive also through its
  request).
- `citizen` stays readable to every group: a citizen may have requests in several counties,
  and the intake looks a citizen up by national ID before knowing the county.

The inbox's substring search goes through `scope_search(pattern)` (SECURITY DEFINER, the same
county condition written as an ordinary clause): under row-level security the planner may not
use the trigram index for LIKE, which is not leakproof, before the policy has filtered the rows,
and a search of 100,000 requests took ten times longer. The function returns only ids within
the login's counties, so it reveals nothing the policies hide. `scope_search_all(patterns)` is
the same for several words at once (every pattern must match); the inbox calls that one, and
`scope_search_days` for a first page: the matches of the newest days, day by day.

Each table gets three permissive policies: SELECT (USING), INSERT (WITH CHECK) and UPDATE (USING
and WITH CHECK, so a row can neither be reached nor moved out of the login's counties). No group
holds DELETE, so none is needed. The owner and superusers bypass row-level security.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from app.models.server import RoleNames

FUNCTION = "scope_counties"
SEARCH_FUNCTION = "scope_search"
SEARCH_ALL_FUNCTION = "scope_search_all"
SCOPED = "(SELECT scope_counties())"
UNRESTRICTED = f"{SCOPED} IS NULL"

# table -> the condition a row must meet for a county-limited login.
CONDITIONS: dict[str, str] = {
    # The cast makes ANY take the array, not the rows of a subquery.
    "request": f"county_id = ANY({SCOPED}::integer[])",
    "meeting": f"county_id = ANY({SCOPED}::integer[])",
    # An event of the whole province (no county) is every desk's (issue 14 §1).
    "event": f"(county_id IS NULL OR county_id = ANY({SCOPED}::integer[]))",
    "referral": "EXISTS (SELECT 1 FROM request p WHERE p.id = referral.request_id)",
    "review": "EXISTS (SELECT 1 FROM request p WHERE p.id = review.request_id)",
    "request_link": "EXISTS (SELECT 1 FROM request p WHERE p.id = request_link.request_id)",
    "referral_event": "EXISTS (SELECT 1 FROM referral p WHERE p.id = referral_event.referral_id)",
    "meeting_attendee": "EXISTS (SELECT 1 FROM meeting p WHERE p.id = meeting_attendee.meeting_id)",
    "meeting_directive": "EXISTS (SELECT 1 FROM meeting p WHERE p.id = meeting_directive.meeting_id)"
                         " AND EXISTS (SELECT 1 FROM request r"
                         " WHERE r.id = meeting_directive.request_id)",
    "objection": "EXISTS (SELECT 1 FROM request p WHERE p.id = objection.request_id)",
    "satisfaction_call": "EXISTS (SELECT 1 FROM request p WHERE p.id = satisfaction_call.request_id)",
    "satisfaction_call_attempt": "EXISTS (SELECT 1 FROM request p"
                                 " WHERE p.id = satisfaction_call_attempt.request_id)",
    "clock_pause": "EXISTS (SELECT 1 FROM request p WHERE p.id = clock_pause.request_id)",
    "official_letter": "EXISTS (SELECT 1 FROM referral p WHERE p.id = official_letter.referral_id)",
    # Attachments (issue 13 §4) through their one owner; the bytes through their attachment.
    "attachment": "(attachment.request_id IS NULL OR EXISTS (SELECT 1 FROM request p"
                  " WHERE p.id = attachment.request_id))"
                  " AND (attachment.referral_id IS NULL OR EXISTS (SELECT 1 FROM referral p"
                  " WHERE p.id = attachment.referral_id))"
                  " AND (attachment.meeting_id IS NULL OR EXISTS (SELECT 1 FROM meeting p"
                  " WHERE p.id = attachment.meeting_id))",
    "attachment_content": "EXISTS (SELECT 1 FROM attachment p"
                          " WHERE p.id = attachment_content.attachment_id)",
    # What an export for SAMAD said of a request (issue 14 §2), through the request.
    "samad_export_item": "EXISTS (SELECT 1 FROM request p"
                         " WHERE p.id = samad_export_item.request_id)",
    # Messages to citizens (issue 14 §3) through their request or meeting.
    "sms_outbox": "(sms_outbox.request_id IS NULL OR EXISTS (SELECT 1 FROM request p"
                  " WHERE p.id = sms_outbox.request_id))"
                  " AND (sms_outbox.meeting_id IS NULL OR EXISTS (SELECT 1 FROM meeting p"
                  " WHERE p.id = sms_outbox.meeting_id))",
}
POLICIES = ("scope_select", "scope_insert", "scope_update")


def _function_sql(schema: str) -> str:
    # SECURITY DEFINER: the function reads app_user and user_county as the owner, so it answers
    # whatever the login may read; search_path is pinned so no one can slip in their own tables.
    # session_user, not current_user: SET ROLE to a group does not shed a login's counties.
    return f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS integer[]
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}, pg_temp
AS $$
  SELECT CASE WHEN u.id IS NULL THEN NULL
              ELSE (SELECT array_agg(uc.county_id ORDER BY uc.county_id)
                    FROM user_county uc WHERE uc.user_id = u.id) END
  FROM (SELECT 1) AS one
  LEFT JOIN app_user u
    ON coalesce((SELECT s.login_prefix FROM server_setup s LIMIT 1), '') || u.username
       = session_user
$$"""


def _search_sql(schema: str) -> str:
    # The same condition as request's policy, as a plain clause the trigram index can serve.
    return f"""
CREATE OR REPLACE FUNCTION {SEARCH_FUNCTION}(pattern text) RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}, pg_temp
AS $$
  SELECT r.id FROM request r
  WHERE r.search_key LIKE pattern ESCAPE '\\'
    AND ({UNRESTRICTED} OR r.county_id = ANY({SCOPED}::integer[]))
$$"""


# plpgsql: `cond` gets one clause a pattern, the pattern written as a literal (EXECUTE), so
# the planner estimates each from the statistics instead of a generic plan's guess.
_PATTERN_CLAUSES = r"""
  FOREACH p IN ARRAY coalesce(patterns, ARRAY[]::text[]) LOOP
    cond := cond || ' AND r.search_key LIKE ' || quote_literal(p) || ' ESCAPE ' || quote_literal('\');
  END LOOP;"""


def _ids_function(schema: str) -> str:
    """The common head of the search functions: ids out, as the owner, with `cond` and `p`."""
    return f"""RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = {schema}, pg_temp
AS $$
DECLARE
  cond text := '';
  p text;"""


def _search_all_sql(schema: str) -> str:
    # Every word of a search in one call (every pattern must match), optionally up to a number
    # of rows (to learn whether a word is rare).
    return f"""
CREATE OR REPLACE FUNCTION {SEARCH_ALL_FUNCTION}(patterns text[],
                                                max_rows integer DEFAULT NULL)
{_ids_function(schema)}
BEGIN{_PATTERN_CLAUSES}
  IF max_rows IS NOT NULL THEN
    cond := cond || ' LIMIT ' || max_rows;
  END IF;
  RETURN QUERY EXECUTE 'SELECT r.id FROM request r WHERE ({UNRESTRICTED}'
    || ' OR r.county_id = ANY({SCOPED}::integer[]))' || cond;
END
$$"""


SEARCH_ALL_SIGNATURE = f"{SEARCH_ALL_FUNCTION}(text[], integer)"
SEARCH_DAYS_FUNCTION = "scope_search_days"
SEARCH_DAYS_SIGNATURE = f"{SEARCH_DAYS_FUNCTION}(text[], text[], date, date, integer)"


def _search_days_sql(schema: str) -> str:
    # The matches of a search day by day, from first_day towards last_day (either way), until
    # the day in which max_rows matches have been found ends: every match received on a day
    # between first_day and that day is returned, so the caller's page is exact. Each day is
    # one scan of ix_request_search_day with the day as an equal key (migration 0008f): GIN
    # skips through the trigrams' posting lists to the day's, a fraction of a millisecond,
    # where a range of days is a bitmap of every row in it. The first pattern goes to the
    # index; the others and `filters` (words too short for a trigram) are checked on the rows
    # only, as a LIKE with no trigram makes GIN read its whole index. The statement is static
    # with one generic plan for every day: planning it afresh each day (EXECUTE) cost more than
    # the day's scan.
    return f"""
CREATE OR REPLACE FUNCTION {SEARCH_DAYS_FUNCTION}(patterns text[], filters text[],
                                                 first_day date, last_day date,
                                                 max_rows integer)
RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = {schema}, pg_temp
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  day date := first_day;
  step integer := CASE WHEN last_day < first_day THEN -1 ELSE 1 END;
  found bigint := 0;
  n bigint;
  counties integer[] := scope_counties();  -- once, not once a day
  indexed text := patterns[1];
  checked text[] := coalesce(patterns[2:], ARRAY[]::text[]) || coalesce(filters, ARRAY[]::text[]);
BEGIN
  IF indexed IS NULL THEN
    RETURN;
  END IF;
  LOOP
    RETURN QUERY SELECT r.id FROM request r
      WHERE r.received_at::date = day AND r.search_key LIKE indexed
        AND (counties IS NULL OR r.county_id = ANY(counties))
        AND (r.search_key || '') LIKE ALL (checked);
    GET DIAGNOSTICS n = ROW_COUNT;
    found := found + n;
    EXIT WHEN day = last_day OR (max_rows IS NOT NULL AND found >= max_rows);
    day := day + step;
  END LOOP;
END
$$"""


def install(conn: Connection, names: RoleNames) -> None:
    """Enable row-level security and create or replace the county policies."""
    schema = str(conn.execute(text("SELECT quote_ident(current_schema())")).scalar())
    groups = ", ".join(f'"{g}"' for g in names.groups)
    conn.execute(text(_function_sql(schema)))
    conn.execute(text(_search_sql(schema)))
    # Earlier drafts of issue 12's work.
    for draft in ("text[]", "text[], timestamp, timestamp", "text[], timestamp, timestamp, integer"):
        conn.execute(text(f"DROP FUNCTION IF EXISTS {SEARCH_ALL_FUNCTION}({draft})"))
    conn.execute(text(_search_all_sql(schema)))
    conn.execute(text(_search_days_sql(schema)))
    for signature in (f"{FUNCTION}()", f"{SEARCH_FUNCTION}(text)", SEARCH_ALL_SIGNATURE,
                      SEARCH_DAYS_SIGNATURE):
        conn.execute(text(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC"))
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION {signature} TO {groups}"))
    for table, condition in CONDITIONS.items():
        if not conn.execute(text("SELECT to_regclass(:t)"), {"t": table}).scalar():
            continue
        allowed = f"({UNRESTRICTED} OR {condition})"
        for policy in POLICIES:
            conn.execute(text(f"DROP POLICY IF EXISTS {policy} ON {table}"))
        conn.execute(text(f"CREATE POLICY scope_select ON {table} FOR SELECT USING {allowed}"))
        conn.execute(text(f"CREATE POLICY scope_insert ON {table} FOR INSERT "
                          f"WITH CHECK {allowed}"))
        conn.execute(text(f"CREATE POLICY scope_update ON {table} FOR UPDATE "
                          f"USING {allowed} WITH CHECK {allowed}"))
        conn.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
