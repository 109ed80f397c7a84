-- POST /products with a bearer token (args: token).
function init(args)
  wrk.method = "POST"
  wrk.path = "/products"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. args[1]
  wrk.body = '{"name":"Bench cup","description":"created by bench/run.sh","price_cents":1250,"stock":3}'
end
