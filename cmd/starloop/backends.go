package main

import (
	"io"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/config"
	"github.com/starloop/starloop/prompts"
)

// newBackends loads the settings for c once (flags, environment, config
// file) and builds the command's backends (package backends) from them;
// fallbacks are reported on notices, one line each.
func newBackends(c *cli.Context, bank *prompts.Bank, notices io.Writer) (*backends.Set, error) {
	cfg, err := loadRemoteConfig(c)
	if err != nil {
		return nil, err
	}
	model, err := speechModel(c)
	if err != nil {
		return nil, err
	}
	return backends.New(c.Context, backends.Options{Config: cfg, Bank: bank, Model: model, Rate: c.Float64("rate"), Notices: notices})
}

// offlineBackends are the offline backends alone, for a command that has
// no remote flags (rehearse): the environment's remote settings do not
// apply to it.
func offlineBackends(c *cli.Context) (*backends.Set, error) {
	model, err := speechModel(c)
	if err != nil {
		return nil, err
	}
	return backends.New(c.Context, backends.Options{Config: config.Offline(), Model: model, Rate: c.Float64("rate")})
}
