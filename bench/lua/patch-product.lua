-- PATCH /products/{id} with a bearer token, ids at random among the seeded ones the token's user owns.
local first, count
function init(args)
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. args[1]
  first = tonumber(args[2]); count = tonumber(args[3])
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end
function request()
  return wrk.format("PATCH", "/products/" .. (first + math.random(0, count - 1)), nil,
    '{"stock":' .. math.random(0, 1000) .. '}')
end
