-- Argo CD health of an mlcycle ModelVersion: Healthy once validated and approved, Suspended while it waits for a
-- person (or failed the champion gate), Degraded when validation failed; never Healthy before the operator has seen
-- this generation.
local hs = {}
local status = obj.status
local generation = obj.metadata.generation or 0
if status == nil or status.observedGeneration == nil or status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the mlcycle operator to observe generation " .. generation
  return hs
end
local function condition(kind)
  for _, c in ipairs(status.conditions or {}) do
    if c.type == kind then return c end
  end
  return nil
end
local ready = condition("Ready")
local stalled = condition("Stalled")
local approved = condition("Approved")
local gate = condition("ChampionGate")
local function said(c, otherwise)
  if c ~= nil and c.message ~= nil and c.message ~= "" then return c.message end
  return otherwise
end
if stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = said(stalled, "Stalled")
elseif status.phase == "Failed" then
  hs.status = "Degraded"
  hs.message = said(ready, "Validation failed")
elseif status.phase ~= "Ready" then
  hs.status = "Progressing"
  hs.message = said(condition("Reconciling"), said(ready, status.phase or "Pending"))
elseif approved ~= nil and approved.status == "True" then
  hs.status = "Healthy"
  hs.message = said(ready, "Validated and approved")
elseif approved ~= nil and approved.reason == "Rejected" then
  hs.status = "Healthy"
  hs.message = said(approved, "Rejected: never served")
elseif gate ~= nil and gate.status == "False" then
  hs.status = "Suspended"
  hs.message = "Champion gate not passed: " .. said(gate, "")
else
  hs.status = "Suspended"
  hs.message = "Awaiting approval: " .. said(approved, "set spec.approval to Approved")
end
return hs
