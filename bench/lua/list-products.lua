-- GET /products?limit=20&offset=<random>: one page and the total.
local count
function init(args)
  count = tonumber(args[1])
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end
function request()
  return wrk.format("GET", "/products?limit=20&offset=" .. math.random(0, count - 20))
end
