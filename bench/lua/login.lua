-- POST /auth/token, the OAuth2 password form (Argon2id-bound). args: username, password.
function init(args)
  wrk.method = "POST"
  wrk.path = "/auth/token"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.body = "username=" .. args[1]:gsub("@", "%%40") .. "&password=" .. args[2]
end
