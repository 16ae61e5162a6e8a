-- A query string of its own for every request, so the page cache never answers: the cost of
-- making the page. (The view ignores the parameter; the cache key includes it.)
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

local counter = 0

function request()
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "bench=" .. id .. "-" .. counter)
end
