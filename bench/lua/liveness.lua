-- GET /healthz/live: no dependency touched, the framework's own ceiling.
function request()
  return wrk.format("GET", "/healthz/live")
end
