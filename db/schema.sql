\restrict dbmate

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
-- Name: forbid_update(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.forbid_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  raise exception '% rows are immutable', tg_table_name;
end $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

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
    last_mailed_at timestamp with time zone
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
    CONSTRAINT panelists_check CHECK (((status = 'erased'::text) OR (email IS NOT NULL))),
    CONSTRAINT panelists_country_check CHECK (((country IS NULL) OR (country ~ '^[A-Z]{2}$'::text))),
    CONSTRAINT panelists_email_check CHECK (((email IS NULL) OR (POSITION(('@'::text) IN (email)) > 1))),
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
    CONSTRAINT responses_check CHECK (((status = 'complete'::text) = (completed_at IS NOT NULL))),
    CONSTRAINT responses_data_check CHECK ((jsonb_typeof(data) = 'object'::text)),
    CONSTRAINT responses_source_check CHECK ((source = ANY (ARRAY['invitation'::text, 'open-link'::text, 'api'::text, 'import'::text]))),
    CONSTRAINT responses_status_check CHECK ((status = ANY (ARRAY['partial'::text, 'complete'::text])))
);


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version character varying NOT NULL
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
    CONSTRAINT waves_audience_check CHECK ((audience = ANY (ARRAY['respondents'::text, 'panel'::text, 'public'::text]))),
    CONSTRAINT waves_check CHECK (((closes_at IS NULL) OR (closes_at > opens_at))),
    CONSTRAINT waves_min_group_size_check CHECK (((min_group_size >= 1) AND (min_group_size <= 1000))),
    CONSTRAINT waves_slug_check CHECK ((slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text))
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
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


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
-- Name: invitations_panelist_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX invitations_panelist_idx ON public.invitations USING btree (panelist_id);


--
-- Name: panelists_panel_email_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX panelists_panel_email_key ON public.panelists USING btree (panel_id, lower(email));


--
-- Name: panelists_panel_region_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX panelists_panel_region_idx ON public.panelists USING btree (panel_id, region);


--
-- Name: panelists_panel_status_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX panelists_panel_status_idx ON public.panelists USING btree (panel_id, status);


--
-- Name: responses_wave_status_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX responses_wave_status_idx ON public.responses USING btree (wave_id, status);


--
-- Name: responses_wave_submission_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX responses_wave_submission_key ON public.responses USING btree (wave_id, submission_id);


--
-- Name: questionnaire_versions questionnaire_versions_immutable; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER questionnaire_versions_immutable BEFORE UPDATE ON public.questionnaire_versions FOR EACH ROW EXECUTE FUNCTION public.forbid_update();


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
-- Name: panelists panelists_panel_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.panelists
    ADD CONSTRAINT panelists_panel_id_fkey FOREIGN KEY (panel_id) REFERENCES public.panels(id) ON DELETE CASCADE;


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
-- PostgreSQL database dump complete
--

\unrestrict dbmate


--
-- Dbmate schema migrations
--

INSERT INTO public.schema_migrations (version) VALUES
    ('0001');
