import { type FormEvent, useState } from "react";
import { api } from "../api/client.ts";
import type { SessionBody } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { errorMessage } from "../lib/api-error.ts";

export function LoginPage({ onLogin }: { onLogin: (s: SessionBody) => void }) {
  const { t, lang, setLang } = useI18n();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await api.post<SessionBody>("/api/session", { username, password }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <form className="card login-card" onSubmit={submit}>
        <div className="login-head">
          <h1>
            <span className="logo">{t("app.brand")}</span> {t("app.title")}
          </h1>
          <button
            type="button"
            className="lang"
            data-testid="lang-switch"
            onClick={() => setLang(lang === "zh" ? "en" : "zh")}
          >
            {t("lang.switch")}
          </button>
        </div>
        <p className="muted">{t("auth.welcome")}</p>
        <label>
          {t("auth.username")}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          {t("auth.password")}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error ? (
          <div className="error" role="alert">
            {errorMessage(error, lang, { login: true })}
          </div>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t("auth.loggingIn") : t("auth.login")}
        </button>
      </form>
    </div>
  );
}
