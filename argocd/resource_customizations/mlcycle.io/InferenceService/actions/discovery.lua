-- The rollout actions Argo CD offers on an InferenceService: the operator acts on the annotation
-- mlcycle.io/rollout-action once and removes it, so an action never edits spec (Git stays the source of intent).
local actions = {}
local canary = obj.status ~= nil and obj.status.canary or nil
local paused = canary ~= nil and canary.phase == "Paused"
-- While its pods start, the operator refuses promote (no Ready pod) and ignores pause (nothing moved yet).
local starting = canary ~= nil and canary.phase == "Starting"
actions["promote"] = {["disabled"] = canary == nil or starting}
actions["abort"] = {["disabled"] = canary == nil}
actions["pause"] = {["disabled"] = canary == nil or paused or starting}
actions["resume"] = {["disabled"] = not paused}
return actions
