-- Asks the operator to resume the rollout (mlcycle.io/rollout-action=resume; it acts once and removes the annotation).
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["mlcycle.io/rollout-action"] = "resume"
return obj
