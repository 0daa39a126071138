"""Forms of the workspace: they read and check input; the services of the domain apps write."""
