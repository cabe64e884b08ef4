#!/usr/bin/env bash
# Writes the CodeDeploy ECS blue/green inputs into dist/deploy/ (used by buildspec.yml):
#   imageDetail.json  the image just pushed (the pipeline fills <IMAGE1_NAME> with it)
#   taskdef.json      the live task definition of $TASK_FAMILY, image replaced by <IMAGE1_NAME>
#   appspec.yaml      which container and port the load balancer routes to
# Needs IMAGE_URI, TASK_FAMILY, CONTAINER_NAME, CONTAINER_PORT; aws CLI and jq.
set -euo pipefail
: "${IMAGE_URI:?}" "${TASK_FAMILY:?}" "${CONTAINER_NAME:?}" "${CONTAINER_PORT:?}"
out=dist/deploy
mkdir -p "$out"

printf '{"ImageURI":"%s"}\n' "$IMAGE_URI" > "$out/imageDetail.json"

aws ecs describe-task-definition --task-definition "$TASK_FAMILY" --query taskDefinition \
  | jq --arg name "$CONTAINER_NAME" '
      {family, taskRoleArn, executionRoleArn, networkMode, containerDefinitions, volumes,
       placementConstraints, requiresCompatibilities, cpu, memory, runtimePlatform}
      | with_entries(select(.value != null))
      | .containerDefinitions |= map(if .name == $name then .image = "<IMAGE1_NAME>" else . end)' \
  > "$out/taskdef.json"

cat > "$out/appspec.yaml" <<YAML
version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: <TASK_DEFINITION>
        LoadBalancerInfo:
          ContainerName: "${CONTAINER_NAME}"
          ContainerPort: ${CONTAINER_PORT}
YAML
echo "deploy artifacts written to $out for $IMAGE_URI"
