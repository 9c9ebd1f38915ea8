package api

import (
	"net/http"

	"github.com/punchclock/punchclock/domain"
)

// authenticate returns the caller.
func (s *Server) authenticate(r *http.Request) (domain.User, error) {
	key, err := apiKey(r)
	if err != nil {
		return domain.User{}, err
	}
	return s.svc.Authenticate(r.Context(), key)
}

// apiKey returns the request's API key. Clockify accepts exactly one of
// X-Api-Key and X-Addon-Token, so none, both, a repeated one, or an
// Authorization header get a 401 with code 1000.
func apiKey(r *http.Request) (string, error) {
	key := r.Header.Get("X-Api-Key")
	addon := r.Header.Get("X-Addon-Token")
	credentials := len(r.Header.Values("X-Api-Key")) + len(r.Header.Values("X-Addon-Token"))
	if (key == "") == (addon == "") || credentials > 1 || r.Header.Get("Authorization") != "" {
		return "", domain.Errorf(domain.KindUnauthenticated, domain.CodeMissingAuth, "Multiple or none auth tokens present")
	}
	if addon != "" {
		// TODO: add-on tokens are JWTs signed by the marketplace. With no
		// marketplace to trust, every add-on token is rejected.
		return "", domain.Errorf(domain.KindUnauthenticated, 4017, "Token is not valid")
	}
	return key, nil
}

// userHandler is the handler type of routes outside any workspace.
type userHandler func(w http.ResponseWriter, r *http.Request, u domain.User) error

// memberHandler is the handler type of routes under /workspaces/{workspaceId}.
type memberHandler func(w http.ResponseWriter, r *http.Request, a domain.Actor) error

// user wraps h so that it runs only for an authenticated caller.
func (s *Server) user(h userHandler) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		u, err := s.authenticate(r)
		if err != nil {
			return err
		}
		return h(w, r, u)
	}
}

// member wraps h so that it runs only for an authenticated caller who may
// enter the workspace named by the workspaceId path value.
func (s *Server) member(h memberHandler) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		key, err := apiKey(r)
		if err != nil {
			return err
		}
		a, err := s.svc.AuthenticateIn(r.Context(), key, r.PathValue("workspaceId"))
		if err != nil {
			return err
		}
		return h(w, r, a)
	}
}
