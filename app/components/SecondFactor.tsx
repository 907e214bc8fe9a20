import { Form } from "@remix-run/react";

/**
 * The enrolment of a second factor: the QR code an authenticator app scans, the same secret as text
 * (for a screen reader or an app without a camera), and the field for the first code it shows.
 */
export function EnrolForm({
  enrolment,
  error,
  busy,
}: {
  enrolment: { qrSvg: string; secret: string };
  error?: string | null;
  busy: boolean;
}) {
  return (
    <Form method="post" className="form" noValidate>
      <input type="hidden" name="intent" value="confirm" />
      <ol>
        <li>
          Open an authenticator app (for example FreeOTP, Aegis, Google Authenticator or 1Password) and add an account
          by scanning this code:
          <figure
            className="qr"
            role="img"
            aria-label="QR code of your Quorum sign-in secret; the same secret is written below"
            // The SVG comes from uqr, made on the server from the otpauth address: no script, no reference.
            dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
          />
        </li>
        <li>
          Or type this secret into the app (time-based, 6 digits, 30 seconds):{" "}
          <code id="totp-secret" className="secret">
            {enrolment.secret}
          </code>
        </li>
        <li>Type the 6-digit code the app shows now.</li>
      </ol>
      {error ? (
        <p className="form-error" role="alert" id="code-error">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="code">Code from the app</label>
        <input
          id="code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "code-error" : undefined}
        />
      </div>
      <button type="submit" className="button primary" disabled={busy}>
        Turn on the second factor
      </button>
    </Form>
  );
}

/** Recovery codes, shown once: each signs in once when the phone is not at hand. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section aria-labelledby="recovery-title" className="notice">
      <h2 id="recovery-title">Your recovery codes</h2>
      <p role="status">
        Keep these {codes.length} codes somewhere safe, apart from your phone. Each one signs you in once instead of a
        code from the app. They are shown only now: Quorum keeps only a fingerprint of each.
      </p>
      <ul className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
