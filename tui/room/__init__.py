"""The room: participants answer from their phones into the facilitator's running app."""
