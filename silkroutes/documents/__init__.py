"""Documents of meetings and bodies: language versions, access tiers, embargo, safe uploads."""
