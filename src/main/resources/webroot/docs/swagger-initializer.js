// Renders the service's own contract; everything is served by the service (no CDN).

// The service's OAuth2 password flow takes a username and a password, nothing else: it has no
// clients to authenticate and declares no scopes. Swagger UI's stock dialog would still ask for
// client_id / client_secret / their "location" and explain an empty scope list, so this plugin
// renders password flows without scopes as username + password only, and, when every scheme is
// such a flow, lists them without the scope explanation. Any other scheme keeps the stock dialog.
function PasswordOnlyAuthorize(system) {
  const React = system.React;
  const h = React.createElement;
  const passwordOnly = (schema) =>
    schema.get("type") === "oauth2" &&
    schema.get("flow") === "password" &&
    !(schema.get("scopes") && schema.get("scopes").size);

  class PasswordLogin extends React.Component {
    constructor(props) {
      super(props);
      const authorized = props.authorized && props.authorized.get(props.name);
      this.state = { username: (authorized && authorized.get("username")) || "", password: "" };
    }
    authorize = (e) => {
      e.preventDefault();
      const { authActions, errActions, schema, name } = this.props;
      errActions.clear({ authId: name, type: "auth", source: "auth" });
      // "request-body" with no client id: the token request carries only the form, no
      // "Authorization: Basic" header for a client that does not exist.
      const auth = {
        schema, name, scopes: [], clientId: "", clientSecret: "", passwordType: "request-body",
        username: this.state.username, password: this.state.password,
      };
      authActions.authorizePassword(auth);
      // The form body is built by now; what Swagger UI keeps (and persists with
      // persistAuthorization) is the token, not the password.
      auth.password = "";
    };
    logout = (e) => {
      e.preventDefault();
      const { authActions, errActions, name } = this.props;
      errActions.clear({ authId: name, type: "auth", source: "auth" });
      authActions.logoutWithPersistOption([name]);
    };
    close = (e) => {
      e.preventDefault();
      this.props.authActions.showDefinitions(false);
    };
    render() {
      const { schema, name, getComponent, authSelectors, errSelectors } = this.props;
      const Row = getComponent("Row");
      const Col = getComponent("Col");
      const Button = getComponent("Button");
      const AuthError = getComponent("authError");
      const Markdown = getComponent("Markdown", true);
      const isAuthorized = !!authSelectors.authorized().get(name);
      const errors = errSelectors.allErrors().filter((err) => err.get("authId") === name);
      const field = (id, label, type, key, shown) =>
        h(Row, null,
          h("label", { htmlFor: id }, label),
          isAuthorized
            ? h("code", null, " ", shown, " ")
            : h(Col, { tablet: 10, desktop: 10 },
                h("input", {
                  id, type, autoComplete: key === "password" ? "current-password" : "username",
                  autoFocus: key === "username", value: this.state[key],
                  onChange: (e) => this.setState({ [key]: e.target.value }),
                })));
      return h("form", { className: "password-login", onSubmit: isAuthorized ? this.logout : this.authorize },
        h("h4", null, name, " (OAuth2, password)"),
        schema.get("description") && h(Markdown, { source: schema.get("description") }),
        isAuthorized && h("h6", null, "Authorized"),
        h("p", null, "Token URL: ", h("code", null, schema.get("tokenUrl"))),
        field("oauth_username", "username:", "text", "username", this.state.username),
        field("oauth_password", "password:", "password", "password", "******"),
        errors.valueSeq().map((error, key) => h(AuthError, { error, key })),
        h("div", { className: "auth-btn-wrapper" },
          isAuthorized
            ? h(Button, { type: "submit", className: "btn modal-btn auth authorize", "aria-label": "Remove authorization" }, "Logout")
            : h(Button, { type: "submit", className: "btn modal-btn auth authorize", "aria-label": "Sign in" }, "Authorize"),
          h(Button, { className: "btn modal-btn auth btn-done", onClick: this.close }, "Close")));
    }
  }

  return {
    wrapComponents: {
      oauth2: (Original) => (props) =>
        passwordOnly(props.schema) ? h(PasswordLogin, props) : h(Original, props),
      // The stock list would open with a paragraph on choosing scopes; with only such flows the
      // dialog lists them alone. (A function wrapper: Swagger UI's OAS 3.1 plugin wraps it already.)
      auths: (Original) => (props) => {
        const { definitions, getComponent, authSelectors } = props;
        if (!(definitions.size && definitions.every(passwordOnly))) return h(Original, props);
        const OAuth2 = getComponent("oauth2", true);
        const authorized = authSelectors.authorized();
        return h("div", { className: "auth-container" },
          definitions.map((schema, name) => h("div", { key: name }, h(OAuth2, { authorized, schema, name }))).toArray());
      },
    },
  };
}

window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.yaml",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl, PasswordOnlyAuthorize],
    layout: "StandaloneLayout",
    persistAuthorization: true,
    oauth2RedirectUrl: window.location.origin + "/docs/oauth2-redirect.html"
  });
};
