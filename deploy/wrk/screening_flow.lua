-- The screening flow, one new visitor after another: GET the form, POST "No" to every question,
-- GET the steps. bench.py runs one connection per thread, so each thread walks its own visitor
-- and `stage` is that visitor's place in the flow.
local form_path = "/routines/chair-twist/screening/"
local steps_path = "/routines/chair-twist/steps/"
local stage = "form"
local csrf_cookie, session_cookie, answers

-- wrk keeps the last Set-Cookie header of a response only; a cookie missed is asked for again.
local function set_cookie(headers, name)
  local header = headers["Set-Cookie"]
  return header and string.match(header, "^" .. name .. "=([^;]*)")
end

local function cookies()
  local pairs_ = { "__Host-csrftoken=" .. (csrf_cookie or "") }
  if session_cookie then
    table.insert(pairs_, "__Host-sessionid=" .. session_cookie)
  end
  return table.concat(pairs_, "; ")
end

local function encode(value)
  return (string.gsub(value, "[^%w%-_%.~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

local function hidden(body, name)
  return string.match(body, 'name="' .. name .. '" value="([^"]*)"')
    or string.match(body, 'value="([^"]*)" name="' .. name .. '"')
end

local function answers_from(body)
  local fields, seen = {}, {}
  for name in string.gmatch(body, 'name="(question%-[%w%-_]+)"') do
    if not seen[name] then
      seen[name] = true
      table.insert(fields, name .. "=no")
    end
  end
  for _, name in ipairs({ "csrfmiddlewaretoken", "form_token", "routine" }) do
    table.insert(fields, name .. "=" .. encode(string.gsub(hidden(body, name) or "", "&amp;", "&")))
  end
  return table.concat(fields, "&")
end

function request()
  if stage == "form" then
    return wrk.format("GET", form_path, { Cookie = cookies() })
  elseif stage == "answers" then
    local headers = { Cookie = cookies(), ["Content-Type"] = "application/x-www-form-urlencoded" }
    return wrk.format("POST", form_path, headers, answers)
  end
  return wrk.format("GET", steps_path, { Cookie = cookies() })
end

function response(status, headers, body)
  csrf_cookie = set_cookie(headers, "__Host%-csrftoken") or csrf_cookie
  session_cookie = set_cookie(headers, "__Host%-sessionid") or session_cookie
  if stage == "form" then
    if csrf_cookie then
      answers = answers_from(body)
      stage = "answers"
    end
  elseif stage == "answers" then
    stage = "steps"
  else
    -- The next visitor: a new session, while the browser's CSRF cookie may stay.
    stage, session_cookie = "form", nil
  end
end
