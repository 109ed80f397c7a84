-- GET /products/{id} with ids drawn at random from the seeded range.
local first, count
function init(args)
  first = tonumber(args[1]); count = tonumber(args[2])
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end
function request()
  return wrk.format("GET", "/products/" .. (first + math.random(0, count - 1)))
end
