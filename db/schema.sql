\restrict Txg3fj01cKp4VsV2yAAchedbG8tKM7TbUzgn4XhFjSKL4Aou6nGOF9p7jUnuhhq

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';


--
-- Name: forbid_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.forbid_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  raise exception '% rows are immutable', tg_table_name;
end $$;


--
-- Name: panelists_left_at(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.panelists_left_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  if new.status in ('unsubscribed', 'erased') then
    if old.status not in ('unsubscribed', 'erased') then
      new.left_at := now();
    end if;
  else
    new.left_at := null;
  end if;
  return new;
end
$$;


--
-- Name: responses_set_completed_xid(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.responses_set_completed_xid() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  new.completed_xid := pg_current_xact_id();
  return new;
end $$;


--
-- Name: responses_void_rollup(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.responses_void_rollup() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  perform pg_advisory_xact_lock(hashtext('results-rollup:' || old.wave_id));
  delete from result_rollup_marks where wave_id = old.wave_id;
  return null;
end $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: admin_panel_roles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_panel_roles (
    admin_id bigint NOT NULL,
    panel_id bigint NOT NULL,
    role text NOT NULL,
    CONSTRAINT admin_panel_roles_role_check CHECK ((role = ANY (ARRAY['editor'::text, 'viewer'::text])))
);


--
-- Name: admin_password_resets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_password_resets (
    id bigint NOT NULL,
    admin_id bigint NOT NULL,
    token_hash bytea NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: admin_password_resets_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.admin_password_resets ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.admin_password_resets_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: admins; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admins (
    id bigint NOT NULL,
    email text NOT NULL,
    password_hash text NOT NULL,
    role text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    totp_secret text,
    totp_pending_secret text,
    totp_last_step bigint,
    totp_enabled_at timestamp with time zone,
    CONSTRAINT admins_email_check CHECK ((POSITION(('@'::text) IN (email)) > 1)),
    CONSTRAINT admins_role_check CHECK ((role = ANY (ARRAY['owner'::text, 'editor'::text, 'viewer'::text])))
);


--
-- Name: admins_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.admins ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.admins_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: api_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_keys (
    id bigint NOT NULL,
    name text NOT NULL,
    role text NOT NULL,
    key_hash bytea NOT NULL,
    prefix text NOT NULL,
    created_by bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    panel_id bigint,
    CONSTRAINT api_keys_name_check CHECK (((length(name) >= 1) AND (length(name) <= 100))),
    CONSTRAINT api_keys_role_check CHECK ((role = ANY (ARRAY['owner'::text, 'editor'::text, 'viewer'::text])))
);


--
-- Name: api_keys_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.api_keys ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.api_keys_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    actor text NOT NULL,
    admin_id bigint,
    api_key_id bigint,
    action text NOT NULL,
    entity text NOT NULL,
    entity_id text,
    changes jsonb DEFAULT '{}'::jsonb NOT NULL
);


--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.audit_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: emails; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.emails (
    id bigint NOT NULL,
    kind text NOT NULL,
    panelist_id bigint,
    to_address text NOT NULL,
    subject text NOT NULL,
    text_body text NOT NULL,
    html_body text NOT NULL,
    headers jsonb DEFAULT '{}'::jsonb NOT NULL,
    status text DEFAULT 'queued'::text NOT NULL,
    dedupe_key text,
    message_id text,
    error text,
    attempts integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    sent_at timestamp with time zone,
    outbox_file text,
    links jsonb DEFAULT '[]'::jsonb NOT NULL,
    render jsonb,
    CONSTRAINT emails_status_check CHECK ((status = ANY (ARRAY['queued'::text, 'sent'::text, 'failed'::text, 'suppressed'::text])))
);


--
-- Name: emails_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.emails ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.emails_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: invitations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.invitations (
    id bigint NOT NULL,
    wave_id bigint NOT NULL,
    panelist_id bigint NOT NULL,
    token_hash bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    sent_at timestamp with time zone,
    opened_at timestamp with time zone,
    started_at timestamp with time zone,
    used_at timestamp with time zone,
    reminder_count integer DEFAULT 0 NOT NULL,
    last_mailed_at timestamp with time zone,
    emailed_count integer DEFAULT 0 NOT NULL,
    source text DEFAULT 'segment'::text NOT NULL,
    language text,
    CONSTRAINT invitations_language_check CHECK ((language ~ '^[a-z]{2}$'::text))
);


--
-- Name: invitations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.invitations ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.invitations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: panelist_imports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.panelist_imports (
    id bigint NOT NULL,
    panel_id bigint NOT NULL,
    admin_id bigint,
    file_name text NOT NULL,
    content text NOT NULL,
    mapping jsonb,
    created_count integer,
    updated_count integer,
    rejected_count integer,
    rejected jsonb,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    finished_at timestamp with time zone
);


--
-- Name: panelist_imports_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.panelist_imports ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.panelist_imports_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: panelist_links; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.panelist_links (
    id bigint NOT NULL,
    panelist_id bigint NOT NULL,
    purpose text NOT NULL,
    token_hash bytea NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT panelist_links_purpose_check CHECK ((purpose = ANY (ARRAY['confirm'::text, 'sign-in'::text, 'results'::text, 'email-change'::text])))
);


--
-- Name: panelist_links_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.panelist_links ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.panelist_links_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: panelists; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.panelists (
    id bigint NOT NULL,
    panel_id bigint NOT NULL,
    email text,
    name text,
    job_title text,
    role_category text,
    organisation text,
    organisation_type text,
    country character(2),
    region text,
    attributes jsonb DEFAULT '{}'::jsonb NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    consent_version integer,
    consented_at timestamp with time zone,
    source text DEFAULT 'admin'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    language text,
    contact_exempt boolean DEFAULT false NOT NULL,
    left_at timestamp with time zone,
    CONSTRAINT panelists_check CHECK (((status = 'erased'::text) OR (email IS NOT NULL))),
    CONSTRAINT panelists_country_check CHECK (((country IS NULL) OR (country ~ '^[A-Z]{2}$'::text))),
    CONSTRAINT panelists_email_check CHECK (((email IS NULL) OR (POSITION(('@'::text) IN (email)) > 1))),
    CONSTRAINT panelists_language_check CHECK ((language ~ '^[a-z]{2}$'::text)),
    CONSTRAINT panelists_region_check CHECK (((region IS NULL) OR (region = ANY (ARRAY['North America'::text, 'Latin America & Caribbean'::text, 'Europe & Central Asia'::text, 'Middle East & North Africa'::text, 'Sub-Saharan Africa'::text, 'South Asia'::text, 'East Asia & Pacific'::text])))),
    CONSTRAINT panelists_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'active'::text, 'unsubscribed'::text, 'bounced'::text, 'erased'::text])))
);


--
-- Name: panelists_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.panelists ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.panelists_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: panels; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.panels (
    id bigint NOT NULL,
    slug text NOT NULL,
    name text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    consent_text text DEFAULT ''::text NOT NULL,
    consent_version integer DEFAULT 1 NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    default_language text DEFAULT 'en'::text NOT NULL,
    logo bytea,
    logo_type text,
    logo_updated_at timestamp with time zone,
    contact_invitations integer DEFAULT 3 NOT NULL,
    contact_days integer DEFAULT 90 NOT NULL,
    contact_gap_days integer DEFAULT 14 NOT NULL,
    CONSTRAINT panels_contact_days_check CHECK (((contact_days >= 1) AND (contact_days <= 3650))),
    CONSTRAINT panels_contact_gap_days_check CHECK (((contact_gap_days >= 0) AND (contact_gap_days <= 3650))),
    CONSTRAINT panels_contact_invitations_check CHECK (((contact_invitations >= 1) AND (contact_invitations <= 1000))),
    CONSTRAINT panels_default_language_check CHECK ((default_language ~ '^[a-z]{2}$'::text)),
    CONSTRAINT panels_logo_check CHECK (((logo IS NULL) OR (octet_length(logo) <= 262144))),
    CONSTRAINT panels_logo_complete CHECK (((logo IS NULL) = (logo_type IS NULL))),
    CONSTRAINT panels_logo_type_check CHECK ((logo_type = ANY (ARRAY['image/png'::text, 'image/jpeg'::text, 'image/webp'::text]))),
    CONSTRAINT panels_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200))),
    CONSTRAINT panels_slug_check CHECK ((slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text))
);


--
-- Name: panels_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.panels ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.panels_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: publications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.publications (
    id bigint NOT NULL,
    wave_id bigint NOT NULL,
    snapshot jsonb NOT NULL,
    commentary jsonb DEFAULT '{}'::jsonb NOT NULL,
    published_at timestamp with time zone DEFAULT now() NOT NULL,
    published_by text NOT NULL,
    unpublished_at timestamp with time zone,
    private_cells jsonb DEFAULT '{}'::jsonb NOT NULL,
    counted_responses integer DEFAULT 0 NOT NULL,
    revision integer DEFAULT 0 NOT NULL,
    engine smallint DEFAULT 2 NOT NULL,
    withdrawn_reason text
);


--
-- Name: publications_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.publications ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.publications_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: questionnaire_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.questionnaire_versions (
    id bigint NOT NULL,
    questionnaire_id bigint NOT NULL,
    version integer NOT NULL,
    content_hash text NOT NULL,
    definition jsonb NOT NULL,
    title text NOT NULL,
    question_count integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: questionnaire_versions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.questionnaire_versions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.questionnaire_versions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: questionnaires; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.questionnaires (
    id bigint NOT NULL,
    slug text NOT NULL,
    title text NOT NULL,
    current_version_id bigint,
    source_file text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: questionnaires_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.questionnaires ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.questionnaires_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: quotes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.quotes (
    id bigint NOT NULL,
    wave_id bigint NOT NULL,
    response_id uuid NOT NULL,
    question text NOT NULL,
    text text NOT NULL,
    attribution text NOT NULL,
    approved_by text NOT NULL,
    approved_at timestamp with time zone DEFAULT now() NOT NULL,
    shown_with text,
    CONSTRAINT quotes_text_check CHECK (((length(text) >= 1) AND (length(text) <= 2000)))
);


--
-- Name: quotes_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.quotes ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.quotes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: rate_limits; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rate_limits (
    key character varying(255) NOT NULL,
    points integer DEFAULT 0 NOT NULL,
    expire bigint
);


--
-- Name: responses; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.responses (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    wave_id bigint NOT NULL,
    invitation_id bigint,
    questionnaire_version_id bigint NOT NULL,
    status text DEFAULT 'partial'::text NOT NULL,
    data jsonb DEFAULT '{}'::jsonb NOT NULL,
    current_page integer DEFAULT 0 NOT NULL,
    submission_id uuid,
    source text DEFAULT 'invitation'::text NOT NULL,
    country character(2),
    region text,
    organisation_type text,
    role_category text,
    organisation text,
    job_title text,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    completed_at timestamp with time zone,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    browser_key text,
    email text,
    completed_xid xid8,
    language text,
    CONSTRAINT responses_check CHECK (((status = 'complete'::text) = (completed_at IS NOT NULL))),
    CONSTRAINT responses_data_check CHECK ((jsonb_typeof(data) = 'object'::text)),
    CONSTRAINT responses_language_check CHECK ((language ~ '^[a-z]{2}$'::text)),
    CONSTRAINT responses_source_check CHECK ((source = ANY (ARRAY['invitation'::text, 'open-link'::text, 'api'::text, 'import'::text]))),
    CONSTRAINT responses_status_check CHECK ((status = ANY (ARRAY['partial'::text, 'complete'::text])))
);


--
-- Name: result_rollup_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.result_rollup_keys (
    wave_id bigint NOT NULL,
    questionnaire_version_id bigint NOT NULL,
    kind text NOT NULL,
    key text NOT NULL,
    CONSTRAINT result_rollup_keys_kind_check CHECK ((kind = ANY (ARRAY['organisation'::text, 'country'::text])))
);


--
-- Name: result_rollup_marks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.result_rollup_marks (
    wave_id bigint NOT NULL,
    questionnaire_version_id bigint NOT NULL,
    upto xid8 NOT NULL,
    layout text NOT NULL,
    organisations integer DEFAULT 0 NOT NULL,
    countries integer DEFAULT 0 NOT NULL,
    rolled_up_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: result_rollups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.result_rollups (
    wave_id bigint NOT NULL,
    questionnaire_version_id bigint NOT NULL,
    region text NOT NULL,
    organisation_type text NOT NULL,
    role_category text NOT NULL,
    counters double precision[] NOT NULL,
    verified boolean DEFAULT true NOT NULL
);


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version character varying(128) NOT NULL
);


--
-- Name: series; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.series (
    id bigint NOT NULL,
    panel_id bigint NOT NULL,
    slug text NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT series_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200))),
    CONSTRAINT series_slug_check CHECK ((slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text))
);


--
-- Name: series_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.series ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.series_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sessions (
    id_hash bytea NOT NULL,
    admin_id bigint,
    panelist_id bigint,
    scope text DEFAULT 'full'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    idle_minutes integer NOT NULL,
    CONSTRAINT sessions_check CHECK (((admin_id IS NULL) <> (panelist_id IS NULL))),
    CONSTRAINT sessions_scope_check CHECK ((scope = ANY (ARRAY['full'::text, 'results'::text])))
);


--
-- Name: sign_in_attempts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sign_in_attempts (
    id bigint NOT NULL,
    email text NOT NULL,
    ip text,
    succeeded boolean NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    known_device boolean DEFAULT false NOT NULL
);


--
-- Name: sign_in_attempts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.sign_in_attempts ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.sign_in_attempts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: waves; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.waves (
    id bigint NOT NULL,
    panel_id bigint NOT NULL,
    questionnaire_id bigint NOT NULL,
    questionnaire_version_id bigint NOT NULL,
    slug text NOT NULL,
    title text NOT NULL,
    opens_at timestamp with time zone DEFAULT now() NOT NULL,
    closes_at timestamp with time zone,
    min_group_size integer DEFAULT 5 NOT NULL,
    audience text DEFAULT 'respondents'::text NOT NULL,
    segment jsonb DEFAULT '{}'::jsonb NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    invitation_subject text DEFAULT 'Your invitation: {{surveyTitle}}'::text NOT NULL,
    invitation_body text DEFAULT ''::text NOT NULL,
    reminder_subject text DEFAULT 'Reminder: {{surveyTitle}} closes on {{closeDate}}'::text NOT NULL,
    reminder_body text DEFAULT ''::text NOT NULL,
    reminder_days integer[] DEFAULT '{4,9}'::integer[] NOT NULL,
    max_reminders integer DEFAULT 2 NOT NULL,
    thank_you boolean DEFAULT true NOT NULL,
    open_link_code text,
    open_link_email_check boolean DEFAULT false NOT NULL,
    launched_at timestamp with time zone,
    closed_early_at timestamp with time zone,
    translations jsonb DEFAULT '{}'::jsonb NOT NULL,
    identified boolean DEFAULT false NOT NULL,
    series_id bigint,
    CONSTRAINT waves_audience_check CHECK ((audience = ANY (ARRAY['respondents'::text, 'panel'::text, 'public'::text]))),
    CONSTRAINT waves_check CHECK (((closes_at IS NULL) OR (closes_at > opens_at))),
    CONSTRAINT waves_max_reminders_check CHECK (((max_reminders >= 0) AND (max_reminders <= 5))),
    CONSTRAINT waves_min_group_size_check CHECK (((min_group_size >= 3) AND (min_group_size <= 1000))),
    CONSTRAINT waves_slug_check CHECK ((slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text)),
    CONSTRAINT waves_translations_check CHECK ((jsonb_typeof(translations) = 'object'::text))
);


--
-- Name: waves_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.waves ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.waves_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: admin_panel_roles admin_panel_roles_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_panel_roles
    ADD CONSTRAINT admin_panel_roles_pkey PRIMARY KEY (admin_id, panel_id);


--
-- Name: admins admins_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admins
    ADD CONSTRAINT admins_pkey PRIMARY KEY (id);


--
-- Name: api_keys api_keys_key_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash);


--
-- Name: api_keys api_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (id);


--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);


--
-- Name: emails emails_dedupe_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.emails
    ADD CONSTRAINT emails_dedupe_key_key UNIQUE (dedupe_key);


--
-- Name: emails emails_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.emails
    ADD CONSTRAINT emails_pkey PRIMARY KEY (id);


--
-- Name: invitations invitations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_pkey PRIMARY KEY (id);


--
-- Name: invitations invitations_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_token_hash_key UNIQUE (token_hash);


--
-- Name: invitations invitations_wave_id_panelist_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_wave_id_panelist_id_key UNIQUE (wave_id, panelist_id);


--
-- Name: panelist_imports panelist_imports_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panelist_imports
    ADD CONSTRAINT panelist_imports_pkey PRIMARY KEY (id);


--
-- Name: panelist_links panelist_links_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panelist_links
    ADD CONSTRAINT panelist_links_pkey PRIMARY KEY (id);


--
-- Name: panelist_links panelist_links_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panelist_links
    ADD CONSTRAINT panelist_links_token_hash_key UNIQUE (token_hash);


--
-- Name: panelists panelists_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panelists
    ADD CONSTRAINT panelists_pkey PRIMARY KEY (id);


--
-- Name: panels panels_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panels
    ADD CONSTRAINT panels_pkey PRIMARY KEY (id);


--
-- Name: panels panels_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panels
    ADD CONSTRAINT panels_slug_key UNIQUE (slug);


--
-- Name: publications publications_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.publications
    ADD CONSTRAINT publications_pkey PRIMARY KEY (id);


--
-- Name: questionnaire_versions questionnaire_versions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.questionnaire_versions
    ADD CONSTRAINT questionnaire_versions_pkey PRIMARY KEY (id);


--
-- Name: questionnaire_versions questionnaire_versions_questionnaire_id_content_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.questionnaire_versions
    ADD CONSTRAINT questionnaire_versions_questionnaire_id_content_hash_key UNIQUE (questionnaire_id, content_hash);


--
-- Name: questionnaire_versions questionnaire_versions_questionnaire_id_version_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.questionnaire_versions
    ADD CONSTRAINT questionnaire_versions_questionnaire_id_version_key UNIQUE (questionnaire_id, version);


--
-- Name: questionnaires questionnaires_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.questionnaires
    ADD CONSTRAINT questionnaires_pkey PRIMARY KEY (id);


--
-- Name: questionnaires questionnaires_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.questionnaires
    ADD CONSTRAINT questionnaires_slug_key UNIQUE (slug);


--
-- Name: quotes quotes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.quotes
    ADD CONSTRAINT quotes_pkey PRIMARY KEY (id);


--
-- Name: quotes quotes_response_id_question_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.quotes
    ADD CONSTRAINT quotes_response_id_question_key UNIQUE (response_id, question);


--
-- Name: rate_limits rate_limits_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rate_limits
    ADD CONSTRAINT rate_limits_pkey PRIMARY KEY (key);


--
-- Name: responses responses_invitation_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.responses
    ADD CONSTRAINT responses_invitation_id_key UNIQUE (invitation_id);


--
-- Name: responses responses_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.responses
    ADD CONSTRAINT responses_pkey PRIMARY KEY (id);


--
-- Name: result_rollup_keys result_rollup_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.result_rollup_keys
    ADD CONSTRAINT result_rollup_keys_pkey PRIMARY KEY (wave_id, questionnaire_version_id, kind, key);


--
-- Name: result_rollup_marks result_rollup_marks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.result_rollup_marks
    ADD CONSTRAINT result_rollup_marks_pkey PRIMARY KEY (wave_id, questionnaire_version_id);


--
-- Name: result_rollups result_rollups_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.result_rollups
    ADD CONSTRAINT result_rollups_pkey PRIMARY KEY (wave_id, questionnaire_version_id, region, organisation_type, role_category, verified);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: series series_id_panel_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.series
    ADD CONSTRAINT series_id_panel_id_key UNIQUE (id, panel_id);


--
-- Name: series series_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.series
    ADD CONSTRAINT series_pkey PRIMARY KEY (id);


--
-- Name: series series_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.series
    ADD CONSTRAINT series_slug_key UNIQUE (slug);


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id_hash);


--
-- Name: sign_in_attempts sign_in_attempts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sign_in_attempts
    ADD CONSTRAINT sign_in_attempts_pkey PRIMARY KEY (id);


--
-- Name: waves waves_open_link_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.waves
    ADD CONSTRAINT waves_open_link_code_key UNIQUE (open_link_code);


--
-- Name: waves waves_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.waves
    ADD CONSTRAINT waves_pkey PRIMARY KEY (id);


--
-- Name: waves waves_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.waves
    ADD CONSTRAINT waves_slug_key UNIQUE (slug);


--
-- Name: admin_panel_roles_panel_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX admin_panel_roles_panel_idx ON public.admin_panel_roles USING btree (panel_id);


--
-- Name: admins_email_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX admins_email_key ON public.admins USING btree (lower(email));


--
-- Name: audit_log_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_at_idx ON public.audit_log USING btree (at DESC);


--
-- Name: emails_panelist_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX emails_panelist_idx ON public.emails USING btree (panelist_id);


--
-- Name: emails_status_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX emails_status_idx ON public.emails USING btree (status, created_at);


--
-- Name: invitations_panelist_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX invitations_panelist_idx ON public.invitations USING btree (panelist_id);


--
-- Name: invitations_panelist_sent_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX invitations_panelist_sent_idx ON public.invitations USING btree (panelist_id, sent_at) WHERE (sent_at IS NOT NULL);


--
-- Name: invitations_wave_used_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX invitations_wave_used_idx ON public.invitations USING btree (wave_id, used_at);


--
-- Name: panelist_links_panelist_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX panelist_links_panelist_idx ON public.panelist_links USING btree (panelist_id);


--
-- Name: panelists_email_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX panelists_email_idx ON public.panelists USING btree (lower(email));


--
-- Name: panelists_panel_country_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX panelists_panel_country_idx ON public.panelists USING btree (panel_id, country);


--
-- Name: panelists_panel_email_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX panelists_panel_email_key ON public.panelists USING btree (panel_id, lower(email));


--
-- Name: panelists_panel_name_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX panelists_panel_name_idx ON public.panelists USING btree (panel_id, name, id);


--
-- Name: panelists_panel_org_type_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX panelists_panel_org_type_idx ON public.panelists USING btree (panel_id, organisation_type);


--
-- Name: panelists_panel_region_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX panelists_panel_region_idx ON public.panelists USING btree (panel_id, region);


--
-- Name: panelists_panel_region_status_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX panelists_panel_region_status_idx ON public.panelists USING btree (panel_id, region, status);


--
-- Name: panelists_panel_role_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX panelists_panel_role_idx ON public.panelists USING btree (panel_id, role_category);


--
-- Name: panelists_panel_status_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX panelists_panel_status_idx ON public.panelists USING btree (panel_id, status);


--
-- Name: panelists_search_trgm_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX panelists_search_trgm_idx ON public.panelists USING gin ((((((COALESCE(name, ''::text) || ' '::text) || COALESCE(email, ''::text)) || ' '::text) || COALESCE(organisation, ''::text))) public.gin_trgm_ops);


--
-- Name: publications_wave_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX publications_wave_idx ON public.publications USING btree (wave_id, published_at DESC);


--
-- Name: quotes_wave_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX quotes_wave_idx ON public.quotes USING btree (wave_id);


--
-- Name: responses_wave_browser_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX responses_wave_browser_key ON public.responses USING btree (wave_id, browser_key);


--
-- Name: responses_wave_completed_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX responses_wave_completed_idx ON public.responses USING btree (wave_id, completed_at) WHERE (status = 'complete'::text);


--
-- Name: responses_wave_completed_xid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX responses_wave_completed_xid_idx ON public.responses USING btree (wave_id, completed_xid) WHERE (status = 'complete'::text);


--
-- Name: responses_wave_email_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX responses_wave_email_key ON public.responses USING btree (wave_id, lower(email)) WHERE (email IS NOT NULL);


--
-- Name: responses_wave_status_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX responses_wave_status_idx ON public.responses USING btree (wave_id, status);


--
-- Name: responses_wave_submission_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX responses_wave_submission_key ON public.responses USING btree (wave_id, submission_id);


--
-- Name: sessions_admin_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sessions_admin_idx ON public.sessions USING btree (admin_id) WHERE (admin_id IS NOT NULL);


--
-- Name: sessions_panelist_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sessions_panelist_idx ON public.sessions USING btree (panelist_id) WHERE (panelist_id IS NOT NULL);


--
-- Name: sign_in_attempts_email_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sign_in_attempts_email_at_idx ON public.sign_in_attempts USING btree (lower(email), at);


--
-- Name: waves_series_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX waves_series_idx ON public.waves USING btree (series_id) WHERE (series_id IS NOT NULL);


--
-- Name: panelists panelists_left_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER panelists_left_at BEFORE UPDATE OF status ON public.panelists FOR EACH ROW EXECUTE FUNCTION public.panelists_left_at();


--
-- Name: questionnaire_versions questionnaire_versions_immutable; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER questionnaire_versions_immutable BEFORE UPDATE ON public.questionnaire_versions FOR EACH ROW EXECUTE FUNCTION public.forbid_update();


--
-- Name: responses responses_completed_xid_on_complete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER responses_completed_xid_on_complete BEFORE UPDATE OF status ON public.responses FOR EACH ROW WHEN (((old.status <> 'complete'::text) AND (new.status = 'complete'::text))) EXECUTE FUNCTION public.responses_set_completed_xid();


--
-- Name: responses responses_completed_xid_on_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER responses_completed_xid_on_insert BEFORE INSERT ON public.responses FOR EACH ROW WHEN ((new.status = 'complete'::text)) EXECUTE FUNCTION public.responses_set_completed_xid();


--
-- Name: responses responses_void_rollup_on_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER responses_void_rollup_on_delete AFTER DELETE ON public.responses FOR EACH ROW WHEN ((old.status = 'complete'::text)) EXECUTE FUNCTION public.responses_void_rollup();


--
-- Name: responses responses_void_rollup_on_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER responses_void_rollup_on_update AFTER UPDATE ON public.responses FOR EACH ROW WHEN ((old.status = 'complete'::text)) EXECUTE FUNCTION public.responses_void_rollup();


--
-- Name: admin_panel_roles admin_panel_roles_admin_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_panel_roles
    ADD CONSTRAINT admin_panel_roles_admin_id_fkey FOREIGN KEY (admin_id) REFERENCES public.admins(id) ON DELETE CASCADE;


--
-- Name: admin_panel_roles admin_panel_roles_panel_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_panel_roles
    ADD CONSTRAINT admin_panel_roles_panel_id_fkey FOREIGN KEY (panel_id) REFERENCES public.panels(id) ON DELETE CASCADE;


--
-- Name: api_keys api_keys_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.admins(id) ON DELETE SET NULL;


--
-- Name: api_keys api_keys_panel_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_panel_id_fkey FOREIGN KEY (panel_id) REFERENCES public.panels(id) ON DELETE CASCADE;


--
-- Name: audit_log audit_log_admin_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_admin_id_fkey FOREIGN KEY (admin_id) REFERENCES public.admins(id) ON DELETE SET NULL;


--
-- Name: audit_log audit_log_api_key_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_api_key_id_fkey FOREIGN KEY (api_key_id) REFERENCES public.api_keys(id) ON DELETE SET NULL;


--
-- Name: emails emails_panelist_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.emails
    ADD CONSTRAINT emails_panelist_id_fkey FOREIGN KEY (panelist_id) REFERENCES public.panelists(id) ON DELETE SET NULL;


--
-- Name: invitations invitations_panelist_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_panelist_id_fkey FOREIGN KEY (panelist_id) REFERENCES public.panelists(id);


--
-- Name: invitations invitations_wave_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invitations
    ADD CONSTRAINT invitations_wave_id_fkey FOREIGN KEY (wave_id) REFERENCES public.waves(id) ON DELETE CASCADE;


--
-- Name: panelist_imports panelist_imports_admin_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panelist_imports
    ADD CONSTRAINT panelist_imports_admin_id_fkey FOREIGN KEY (admin_id) REFERENCES public.admins(id) ON DELETE SET NULL;


--
-- Name: panelist_imports panelist_imports_panel_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panelist_imports
    ADD CONSTRAINT panelist_imports_panel_id_fkey FOREIGN KEY (panel_id) REFERENCES public.panels(id) ON DELETE CASCADE;


--
-- Name: panelist_links panelist_links_panelist_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panelist_links
    ADD CONSTRAINT panelist_links_panelist_id_fkey FOREIGN KEY (panelist_id) REFERENCES public.panelists(id) ON DELETE CASCADE;


--
-- Name: panelists panelists_panel_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panelists
    ADD CONSTRAINT panelists_panel_id_fkey FOREIGN KEY (panel_id) REFERENCES public.panels(id) ON DELETE CASCADE;


--
-- Name: publications publications_wave_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.publications
    ADD CONSTRAINT publications_wave_id_fkey FOREIGN KEY (wave_id) REFERENCES public.waves(id) ON DELETE CASCADE;


--
-- Name: questionnaire_versions questionnaire_versions_questionnaire_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.questionnaire_versions
    ADD CONSTRAINT questionnaire_versions_questionnaire_id_fkey FOREIGN KEY (questionnaire_id) REFERENCES public.questionnaires(id) ON DELETE CASCADE;


--
-- Name: questionnaires questionnaires_current_version_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.questionnaires
    ADD CONSTRAINT questionnaires_current_version_fkey FOREIGN KEY (current_version_id) REFERENCES public.questionnaire_versions(id);


--
-- Name: quotes quotes_response_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.quotes
    ADD CONSTRAINT quotes_response_id_fkey FOREIGN KEY (response_id) REFERENCES public.responses(id) ON DELETE CASCADE;


--
-- Name: quotes quotes_wave_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.quotes
    ADD CONSTRAINT quotes_wave_id_fkey FOREIGN KEY (wave_id) REFERENCES public.waves(id) ON DELETE CASCADE;


--
-- Name: responses responses_invitation_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.responses
    ADD CONSTRAINT responses_invitation_id_fkey FOREIGN KEY (invitation_id) REFERENCES public.invitations(id) ON DELETE SET NULL;


--
-- Name: responses responses_questionnaire_version_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.responses
    ADD CONSTRAINT responses_questionnaire_version_id_fkey FOREIGN KEY (questionnaire_version_id) REFERENCES public.questionnaire_versions(id);


--
-- Name: responses responses_wave_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.responses
    ADD CONSTRAINT responses_wave_id_fkey FOREIGN KEY (wave_id) REFERENCES public.waves(id) ON DELETE CASCADE;


--
-- Name: result_rollup_keys result_rollup_keys_wave_id_questionnaire_version_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.result_rollup_keys
    ADD CONSTRAINT result_rollup_keys_wave_id_questionnaire_version_id_fkey FOREIGN KEY (wave_id, questionnaire_version_id) REFERENCES public.result_rollup_marks(wave_id, questionnaire_version_id) ON DELETE CASCADE;


--
-- Name: result_rollup_marks result_rollup_marks_questionnaire_version_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.result_rollup_marks
    ADD CONSTRAINT result_rollup_marks_questionnaire_version_id_fkey FOREIGN KEY (questionnaire_version_id) REFERENCES public.questionnaire_versions(id) ON DELETE CASCADE;


--
-- Name: result_rollup_marks result_rollup_marks_wave_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.result_rollup_marks
    ADD CONSTRAINT result_rollup_marks_wave_id_fkey FOREIGN KEY (wave_id) REFERENCES public.waves(id) ON DELETE CASCADE;


--
-- Name: result_rollups result_rollups_wave_id_questionnaire_version_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.result_rollups
    ADD CONSTRAINT result_rollups_wave_id_questionnaire_version_id_fkey FOREIGN KEY (wave_id, questionnaire_version_id) REFERENCES public.result_rollup_marks(wave_id, questionnaire_version_id) ON DELETE CASCADE;


--
-- Name: series series_panel_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.series
    ADD CONSTRAINT series_panel_id_fkey FOREIGN KEY (panel_id) REFERENCES public.panels(id);


--
-- Name: sessions sessions_admin_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_admin_id_fkey FOREIGN KEY (admin_id) REFERENCES public.admins(id) ON DELETE CASCADE;


--
-- Name: sessions sessions_panelist_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_panelist_id_fkey FOREIGN KEY (panelist_id) REFERENCES public.panelists(id) ON DELETE CASCADE;


--
-- Name: waves waves_panel_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.waves
    ADD CONSTRAINT waves_panel_id_fkey FOREIGN KEY (panel_id) REFERENCES public.panels(id);


--
-- Name: waves waves_questionnaire_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.waves
    ADD CONSTRAINT waves_questionnaire_id_fkey FOREIGN KEY (questionnaire_id) REFERENCES public.questionnaires(id);


--
-- Name: waves waves_questionnaire_version_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.waves
    ADD CONSTRAINT waves_questionnaire_version_id_fkey FOREIGN KEY (questionnaire_version_id) REFERENCES public.questionnaire_versions(id);


--
-- Name: waves waves_series_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.waves
    ADD CONSTRAINT waves_series_fkey FOREIGN KEY (series_id, panel_id) REFERENCES public.series(id, panel_id);


--
-- Name: admin_password_resets admin_password_resets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_password_resets
    ADD CONSTRAINT admin_password_resets_pkey PRIMARY KEY (id);


--
-- Name: admin_password_resets admin_password_resets_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_password_resets
    ADD CONSTRAINT admin_password_resets_token_hash_key UNIQUE (token_hash);


--
-- Name: admin_password_resets_admin_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX admin_password_resets_admin_idx ON public.admin_password_resets USING btree (admin_id);


--
-- Name: admin_password_resets admin_password_resets_admin_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_password_resets
    ADD CONSTRAINT admin_password_resets_admin_id_fkey FOREIGN KEY (admin_id) REFERENCES public.admins(id) ON DELETE CASCADE;


--
-- Name: admin_recovery_codes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_recovery_codes (
    id bigint NOT NULL,
    admin_id bigint NOT NULL,
    code_hash bytea NOT NULL,
    used_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: admin_recovery_codes_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.admin_recovery_codes ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.admin_recovery_codes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: installation_settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.installation_settings (
    id boolean DEFAULT true NOT NULL,
    require_second_factor boolean DEFAULT false NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT installation_settings_id_check CHECK (id)
);


--
-- Name: admin_recovery_codes admin_recovery_codes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_recovery_codes
    ADD CONSTRAINT admin_recovery_codes_pkey PRIMARY KEY (id);


--
-- Name: admin_recovery_codes admin_recovery_codes_code_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_recovery_codes
    ADD CONSTRAINT admin_recovery_codes_code_hash_key UNIQUE (code_hash);


--
-- Name: installation_settings installation_settings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.installation_settings
    ADD CONSTRAINT installation_settings_pkey PRIMARY KEY (id);


--
-- Name: admin_recovery_codes_admin_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX admin_recovery_codes_admin_idx ON public.admin_recovery_codes USING btree (admin_id);


--
-- Name: admin_recovery_codes admin_recovery_codes_admin_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_recovery_codes
    ADD CONSTRAINT admin_recovery_codes_admin_id_fkey FOREIGN KEY (admin_id) REFERENCES public.admins(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--

\unrestrict Txg3fj01cKp4VsV2yAAchedbG8tKM7TbUzgn4XhFjSKL4Aou6nGOF9p7jUnuhhq


--
-- Dbmate schema migrations
--

INSERT INTO public.schema_migrations (version) VALUES
    ('0001'),
    ('0002'),
    ('0003'),
    ('0004'),
    ('0005'),
    ('0006'),
    ('0007'),
    ('0008'),
    ('0009'),
    ('0010'),
    ('0011'),
    ('0015'),
    ('0017'),
    ('0018'),
    ('0020'),
    ('0021'),
    ('0025'),
    ('0026'),
    ('0033'),
    ('0035'),
    ('0037'),
    ('0038');
